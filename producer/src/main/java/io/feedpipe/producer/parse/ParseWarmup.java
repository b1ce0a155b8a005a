package io.feedpipe.producer.parse;

import io.feedpipe.producer.ProducerThreads;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.text.SourceChars;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Reads two small built-in feeds (RSS 2.0 and Atom 1.0) once, on a thread of its own, while the
 * command that starts it reads its configuration and connects to Kafka: the classes a poll needs
 * (Woodstox, JDOM, Rome and its modules, Jsoup's entity table, Avro's post builder, feedpipe's
 * parse and map code) are loaded and initialised on the second core, instead of by the first polls
 * all waiting on each other for them. Spring Boot's {@code BackgroundPreinitializer} does the same.
 *
 * <p>Harmless when it loses the race (a poll that needs a class first loads it itself) and silent:
 * a failure here is not the feed's, and the real polls report their own.
 */
public final class ParseWarmup {
  private ParseWarmup() {}

  /** Starts the warm-up on a daemon thread ({@link ProducerThreads#PARSE_WARMUP}) and returns at once. */
  public static Thread start() {
    Thread thread = ProducerThreads.newThread(ProducerThreads.PARSE_WARMUP, ParseWarmup::run);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }

  /** The warm-up itself, on the calling thread; true when both feeds were read and mapped. */
  static boolean run() {
    try {
      FeedParser parser = new FeedParser();
      EntryMapper mapper = new EntryMapper();
      FeedSource feed = new FeedSource("warm-up", URI.create("https://feedpipe.invalid/feed.xml"));
      int posts = 0;
      for (String document : List.of(RSS, ATOM)) {
        ParsedFeed parsed = parser.parse("warm-up", document.getBytes(StandardCharsets.UTF_8), "application/xml; charset=utf-8");
        posts += mapper.map(feed, parsed, Instant.now(), "warm-up").size();
      }
      return posts == 2;
    } catch (Exception | LinkageError e) {
      return false; // the polls will meet whatever this met, and report it against their feed
    } finally {
      SourceChars.release();
    }
  }

  private static final String HTML = "<![CDATA[<p>Published on December 8, 2025 8:03 PM GMT</p><p>It’s a “warm-up” &amp; "
      + "<a href=\"https://feedpipe.invalid/a\">a link</a>, <em>emphasis</em> and <code>x &lt; y</code>.</p>".repeat(8)
      + "<p><a href=\"https://feedpipe.invalid/posts/1#comments\">Discuss</a></p>]]>";

  private static final String RSS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
      + "<channel><title>warm-up</title><link>https://feedpipe.invalid/</link><description>d</description><language>en</language>"
      + "<ttl>60</ttl><item><title><![CDATA[A post &amp; its title]]></title><link>https://feedpipe.invalid/posts/1</link>"
      + "<guid isPermaLink=\"false\">warm-up-1</guid><dc:creator><![CDATA[Author]]></dc:creator><category>c</category>"
      + "<pubDate>Mon, 08 Dec 2025 20:03:41 GMT</pubDate><description>" + HTML + "</description>"
      + "<content:encoded>" + HTML + "</content:encoded></item></channel></rss>";

  private static final String ATOM = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>warm-up</title><id>urn:feedpipe:warm-up</id>"
      + "<updated>2025-12-08T20:03:41Z</updated><link href=\"https://feedpipe.invalid/\"/><entry><title type=\"html\">A &lt;b&gt;post&lt;/b&gt;"
      + "</title><id>urn:feedpipe:warm-up:1</id><link rel=\"alternate\" href=\"https://feedpipe.invalid/posts/2\"/>"
      + "<updated>2025-12-08T20:03:41Z</updated><published>2025-12-08T20:03:41Z</published><author><name>Author</name></author>"
      + "<category term=\"c\"/><summary type=\"html\">a &amp;lt;summary&amp;gt;</summary><content type=\"html\">"
      + "&lt;p&gt;Content&amp;nbsp;of the entry&lt;/p&gt;</content></entry></feed>";
}

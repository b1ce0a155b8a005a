package io.feedpipe.bench.producer;

import com.sun.net.httpserver.HttpExchange;
import io.feedpipe.bench.support.LocalFeedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * N RSS 2.0 feeds on 127.0.0.1 for the producer benchmark: {@code /feed/I} has K items of about
 * {@code postBytes} of HTML each and ETag {@code "I"}. The first {@code notModified} feeds answer a
 * matching {@code If-None-Match} with 304; the others always answer 200 (they "changed"). Bodies are
 * built per request (no memory held per feed). Its threads are named {@code bench-http-N} (and the JDK's {@code
 * HTTP-Dispatcher}): {@link CpuAccount} counts them apart.
 */
public final class BenchFeedServer implements AutoCloseable {
  private final LocalFeedServer server;
  private final int notModified;
  private final int postsPerFeed;
  private final String paragraph;
  private final String[] dates;

  public BenchFeedServer(int feeds, int notModified, int postsPerFeed, int postBytes, int threadCount) throws IOException {
    this.notModified = notModified;
    this.postsPerFeed = postsPerFeed;
    String sentence = "&lt;p&gt;Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore "
        + "et &lt;a href=\"https://example.org/x\"&gt;dolore magna&lt;/a&gt; aliqua.&lt;/p&gt; ";
    StringBuilder p = new StringBuilder();
    while (p.length() < postBytes) {
      p.append(sentence);
    }
    this.paragraph = p.toString();
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    this.dates = new String[postsPerFeed];
    for (int i = 0; i < postsPerFeed; i++) {
      dates[i] = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusHours(6L * i));
    }
    this.server = new LocalFeedServer(feeds, threadCount, "bench-http-", this::respond);
  }

  public String url(int feed) {
    return server.url(feed);
  }

  private void respond(int feed, HttpExchange exchange) throws IOException {
    String etag = "\"" + feed + "\"";
    exchange.getResponseHeaders().set("ETag", etag);
    if (feed < notModified && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    LocalFeedServer.sendRss(exchange, body(feed));
  }

  private byte[] body(int feed) {
    StringBuilder xml = new StringBuilder(postsPerFeed * (paragraph.length() + 400) + 300);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Bench feed ").append(feed)
        .append("</title><link>https://bench.example.org/").append(feed).append("/</link><description>benchmark</description>\n");
    for (int i = 0; i < postsPerFeed; i++) {
      xml.append("<item><title>Post ").append(i).append(" of feed ").append(feed).append("</title><link>https://bench.example.org/")
          .append(feed).append('/').append(i).append("</link><guid isPermaLink=\"false\">bench-").append(feed).append('-').append(i)
          .append("</guid><pubDate>").append(dates[i]).append("</pubDate><author>author@example.org (A. Author)</author>")
          .append("<category>bench</category><description>").append(paragraph).append("</description></item>\n");
    }
    xml.append("</channel></rss>\n");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.close();
  }
}

package io.feedpipe.bench.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;

/** Reads the LessWrong fixture feed (fixtures/lesswrong/feed.xml) into {@link FixturePost}s. */
public final class FixturePosts {
  /** Where the fixture is in the checkout (relative to feedpipe's home) and on the test classpath. */
  public static final String FIXTURE = "fixtures/lesswrong/feed.xml";

  private static final String HEAD_END = "<br/><br/>";
  private static final String TAIL_START = "<br/><br/><a href=";

  private FixturePosts() {}

  /**
   * The fixture from {@code home}/fixtures/lesswrong/feed.xml, else from the classpath (the tests
   * have the fixtures there).
   *
   * @throws IllegalStateException naming the file when neither exists or it holds no posts
   */
  public static List<FixturePost> load(Path home) {
    Path file = home.resolve(FIXTURE);
    try {
      if (Files.isRegularFile(file)) {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
      }
      try (InputStream in = FixturePosts.class.getResourceAsStream("/" + FIXTURE)) {
        if (in == null) {
          throw new IllegalStateException("the LessWrong fixture is missing: " + file + " does not exist (run from a feedpipe checkout)");
        }
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:/" + FIXTURE);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The items of an RSS document shaped like LessWrong's feed. */
  public static List<FixturePost> parse(String rss, String source) {
    Document feed = Jsoup.parse(rss, "", Parser.xmlParser());
    List<FixturePost> posts = new ArrayList<>();
    for (Element item : feed.select("item")) {
      Element description = item.selectFirst("description");
      if (description == null || description.text().isBlank()) {
        continue;
      }
      posts.add(new FixturePost(textOf(item, "title"), textOf(item, "link"), published(textOf(item, "pubDate")),
          blocks(description.text())));
    }
    if (posts.isEmpty()) {
      throw new IllegalStateException(source + " holds no item with a description");
    }
    return List.copyOf(posts);
  }

  /** The HTML between LessWrong's head and tail, cut into its top-level nodes. */
  static List<String> blocks(String html) {
    String body = html;
    if (body.startsWith("Published on ") && body.contains(HEAD_END)) {
      body = body.substring(body.indexOf(HEAD_END) + HEAD_END.length());
    }
    int tail = body.lastIndexOf(TAIL_START);
    if (tail >= 0 && body.endsWith("Discuss</a>")) {
      body = body.substring(0, tail);
    }
    Document fragment = Jsoup.parseBodyFragment(body);
    fragment.outputSettings().prettyPrint(false);
    List<String> blocks = new ArrayList<>();
    for (Node node : fragment.body().childNodes()) {
      String block = node.outerHtml();
      if (!block.isBlank()) {
        blocks.add(block);
      }
    }
    return blocks;
  }

  private static String textOf(Element item, String tag) {
    Element e = item.selectFirst(tag);
    return e == null ? "" : e.text().strip();
  }

  private static Instant published(String pubDate) {
    try {
      return ZonedDateTime.parse(pubDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.parse("2025-12-08T00:00:00Z");
    }
  }
}

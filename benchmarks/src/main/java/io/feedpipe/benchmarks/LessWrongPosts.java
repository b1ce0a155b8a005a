package io.feedpipe.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** The 20 posts of the LessWrong fixture (fixtures/lesswrong/feed.xml), as the feed gives them. */
final class LessWrongPosts {
  /** One entry: its HTML and its link (the base URL the cleaner resolves against). */
  record Post(String html, String link) {}

  private LessWrongPosts() {}

  static List<Post> load() {
    try (InputStream in = LessWrongPosts.class.getResourceAsStream("/fixtures/lesswrong/feed.xml")) {
      if (in == null) {
        throw new IllegalStateException("fixtures/lesswrong/feed.xml missing from the benchmark jar");
      }
      Document feed = Jsoup.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "", Parser.xmlParser());
      List<Post> posts = new ArrayList<>();
      for (Element item : feed.select("item")) {
        posts.add(new Post(item.selectFirst("description").text(), item.selectFirst("link").text()));
      }
      if (posts.size() != 20) {
        throw new IllegalStateException("expected the fixture's 20 posts, found " + posts.size());
      }
      return List.copyOf(posts);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** UTF-8 bytes of all the posts' HTML, for MB/s. */
  static long totalBytes(List<Post> posts) {
    return posts.stream().mapToLong(p -> p.html().getBytes(StandardCharsets.UTF_8).length).sum();
  }
}

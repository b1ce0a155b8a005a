package io.feedpipe.streams.metrics;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.streams.clean.Fixtures;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * The LessWrong polls of the shared fixtures (fixtures/lesswrong/poll-1..3.xml) as the records the
 * producer writes to posts.raw: one FetchedPost per item, its id from the GUID. Read with Jsoup
 * here because the streams module does not depend on the producer's parser; only what the dedupe
 * step reads (id, title, link, content, dates) matters to these tests.
 */
final class LessWrongPolls {
  static final String FEED_ID = "lesswrong";
  static final int POLLS = 3;

  private LessWrongPolls() {}

  /** The items of {@code fixtures/lesswrong/poll-<n>.xml}, fetched at {@code fetchedAt}. */
  static List<FetchedPost> poll(int n, Instant fetchedAt) {
    Document feed = Jsoup.parse(Fixtures.read("lesswrong/poll-" + n + ".xml"), "", Parser.xmlParser());
    List<FetchedPost> posts = new ArrayList<>();
    for (Element item : feed.select("item")) {
      String guid = item.selectFirst("guid").text();
      posts.add(FetchedPost.newBuilder()
          .setPostId(FEED_ID + ":" + guid).setFeedId(FEED_ID).setFeedUrl("https://www.lesswrong.com/feed.xml")
          .setEntryGuid(guid).setLink(item.selectFirst("link").text()).setTitle(item.selectFirst("title").text())
          .setAuthors(List.of()).setCategories(List.of())
          .setPublishedAt(ZonedDateTime.parse(item.selectFirst("pubDate").text(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
          .setUpdatedAt(null).setContentHtml(item.selectFirst("description").text()).setSummaryHtml(null).setLanguage("en")
          .setFetchedAt(fetchedAt).setFetchId("poll-" + n).build());
    }
    return posts;
  }
}

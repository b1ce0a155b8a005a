package io.feedpipe.producer.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.parse.ParsedEntry;
import io.feedpipe.producer.parse.ParsedFeed;
import io.feedpipe.schemas.FetchedPost;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryMapperTest {
  private final FeedSource feed = FeedSource.fromUrl("https://www.lesswrong.com/feed.xml");
  private final Instant fetchedAt = Instant.parse("2025-12-09T08:00:00.123Z");

  @Test
  void copiesEveryFieldAsTheFeedGaveIt() {
    ParsedEntry entry = new ParsedEntry("g1", "https://x.org/a?utm_source=rss", "<b>T</b>", List.of("Ann"), List.of("ai"),
        Instant.parse("2025-12-08T20:03:00Z"), Instant.parse("2025-12-08T21:00:00Z"), "<p>c</p>", "s");

    FetchedPost post = new EntryMapper().map(feed, new ParsedFeed("LW", "en-us", List.of(entry)), fetchedAt, "fetch-1").get(0);

    assertThat(post.getPostId()).isEqualTo("www-lesswrong-com-feed-xml:g1");
    assertThat(post.getFeedId()).isEqualTo("www-lesswrong-com-feed-xml");
    assertThat(post.getFeedUrl()).isEqualTo("https://www.lesswrong.com/feed.xml");
    assertThat(post.getEntryGuid()).isEqualTo("g1");
    assertThat(post.getLink()).as("the link as given; only the id uses the normalized form").isEqualTo("https://x.org/a?utm_source=rss");
    assertThat(post.getTitle()).isEqualTo("<b>T</b>");
    assertThat(post.getAuthors()).containsExactly("Ann");
    assertThat(post.getCategories()).containsExactly("ai");
    assertThat(post.getPublishedAt()).isEqualTo(Instant.parse("2025-12-08T20:03:00Z"));
    assertThat(post.getUpdatedAt()).isEqualTo(Instant.parse("2025-12-08T21:00:00Z"));
    assertThat(post.getContentHtml()).isEqualTo("<p>c</p>");
    assertThat(post.getSummaryHtml()).isEqualTo("s");
    assertThat(post.getLanguage()).isEqualTo("en-us");
    assertThat(post.getFetchedAt()).isEqualTo(fetchedAt);
    assertThat(post.getFetchId()).isEqualTo("fetch-1");
  }

  @Test
  void absentFieldsStayNull() {
    ParsedEntry bare = new ParsedEntry(null, "https://x.org/a/", null, List.of(), List.of(), null, null, null, null);

    FetchedPost post = new EntryMapper().map(feed, null, bare, fetchedAt, "f");

    assertThat(post.getPostId()).isEqualTo("www-lesswrong-com-feed-xml:https://x.org/a");
    assertThat(post.getEntryGuid()).isNull();
    assertThat(post.getTitle()).isNull();
    assertThat(post.getPublishedAt()).isNull();
    assertThat(post.getContentHtml()).isNull();
    assertThat(post.getLanguage()).isNull();
    assertThat(post.getAuthors()).isEmpty();
    assertThat(post.getBaseUrl()).isNull();
  }

  @Test
  void declaredBaseIsMadeAbsoluteAgainstTheFeedUrl() {
    ParsedEntry entry = new ParsedEntry("g", null, "t", List.of(), List.of(), null, null, "<img src=a.png>", null, "/blog/2025/");

    FetchedPost post = new EntryMapper().map(feed, null, entry, fetchedAt, "f");

    assertThat(post.getBaseUrl()).isEqualTo("https://www.lesswrong.com/blog/2025/");
  }

  @Test
  void unusableDeclaredBaseIsDropped() {
    assertThat(EntryMapper.absoluteBase(feed, "https://cdn.example.org/a/")).isEqualTo("https://cdn.example.org/a/");
    assertThat(EntryMapper.absoluteBase(feed, "javascript:alert(1)//")).isNull();
    assertThat(EntryMapper.absoluteBase(feed, "ftp://files.example.org/")).isNull();
    assertThat(EntryMapper.absoluteBase(feed, "http://[broken")).isNull();
    assertThat(EntryMapper.absoluteBase(feed, " ")).isNull();
    assertThat(EntryMapper.absoluteBase(FeedSource.fromUrl("file:/tmp/feed.xml"), "posts/")).as("relative to a file").isNull();
  }
}

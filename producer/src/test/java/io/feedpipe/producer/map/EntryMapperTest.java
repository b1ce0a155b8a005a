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

  @Test
  void ordinaryEntryHasNoRepairs() {
    ParsedEntry entry = new ParsedEntry("g1", "https://x.org/a", "T", List.of("Ann"), List.of("ai"), null, null, "<p>c</p>", null);

    FetchedPost post = new EntryMapper().map(feed, "en", entry, fetchedAt, "f");

    assertThat(post.getRepairs()).isEmpty();
    assertThat(post.getTruncated()).isFalse();
    assertThat(post.getOriginalSize()).isNull();
  }

  @Test
  void hostileValuesAreRepairedAndEachRepairIsNoted() {
    ParsedEntry entry = new ParsedEntry("g\u0000", "java\tscript:alert(1)", "Ti\u0000tle\n", List.of("A\uD800"), List.of(),
        Instant.parse("+302025-01-01T00:00:00Z"), null, "<p>\u0007</p>", null, "data:text/html,x");

    FetchedPost post = new EntryMapper().map(feed, "en\u0001", entry, fetchedAt, "f");

    assertThat(post.getTitle()).isEqualTo("Title ");
    assertThat(post.getLink()).isNull();
    assertThat(post.getBaseUrl()).isNull();
    assertThat(post.getPublishedAt()).isNull();
    assertThat(post.getAuthors()).containsExactly("A\uFFFD");
    assertThat(post.getContentHtml()).isEqualTo("<p></p>");
    assertThat(post.getLanguage()).isEqualTo("en");
    assertThat(post.getEntryGuid()).isEqualTo("g");
    assertThat(post.getPostId()).as("a key never holds a NUL").startsWith("www-lesswrong-com-feed-xml:sha256:");
    assertThat(post.getRepairs()).containsExactlyInAnyOrder(
        "postId: entry id holds control characters, noncharacters or invalid Unicode, hashed",
        "baseUrl: scheme 'data' is not allowed, dropped",
        "entryGuid: 1 control character removed",
        "link: scheme 'javascript' is not allowed, dropped",
        "title: 1 tab or line break replaced by a space",
        "title: 1 control character removed",
        "authors: 1 unpaired surrogate replaced by U+FFFD",
        "publishedAt: +302025-01-01T00:00:00Z is outside 1970-01-01..2200-01-01, dropped",
        "contentHtml: 1 control character removed",
        "language: 1 control character removed");
  }

  @Test
  void overlongGuidMakesAHashedPostIdWhileEntryGuidKeepsIt() {
    String guid = "urn:x:" + "g".repeat(300);
    ParsedEntry entry = new ParsedEntry(guid, null, "t", List.of(), List.of(), null, null, null, null);

    FetchedPost post = new EntryMapper().map(feed, null, entry, fetchedAt, "f");

    assertThat(post.getPostId()).isEqualTo(io.feedpipe.producer.identity.PostIdentity.hashed("www-lesswrong-com-feed-xml", guid));
    assertThat(post.getPostId()).hasSizeLessThanOrEqualTo("www-lesswrong-com-feed-xml".length() + 1 + 256);
    assertThat(post.getEntryGuid()).isEqualTo(guid);
    assertThat(post.getRepairs()).containsExactly("postId: entry id longer than 256 characters (306), hashed");
  }

  @Test
  void oversizedEntryIsKeptWithItsContentCutAtABlockBoundary() {
    StringBuilder html = new StringBuilder();
    while (html.length() < 400_000) {
      html.append("<p>").append("paragraph é ".repeat(50)).append("</p>\n");
    }
    ParsedEntry entry = new ParsedEntry("g", null, "t", List.of(), List.of(), null, null, html.toString(), "<p>summary</p>");
    EntryMapper mapper = new EntryMapper(FieldLimits.defaults().withMaxEntryBytes(300_000));

    FetchedPost post = mapper.map(feed, null, entry, fetchedAt, "f");

    long original = ValueRepair.utf8Bytes(html.toString()) + "<p>summary</p>".length();
    assertThat(post.getTruncated()).isTrue();
    assertThat(post.getOriginalSize()).isEqualTo(original);
    assertThat(post.getContentHtml()).endsWith("</p>");
    assertThat(html.toString()).startsWith(post.getContentHtml());
    assertThat(post.getSummaryHtml()).isEqualTo("<p>summary</p>");
    assertThat(ValueRepair.utf8Bytes(post.getContentHtml())).isLessThan(300_000);
    assertThat(post.getRepairs()).singleElement().asString()
        .startsWith("contentHtml: cut to ").endsWith("bytes to fit producer.max-entry-size (300000 bytes)");
  }

  @Test
  void relativeLinkIsResolvedAgainstTheDeclaredBase() {
    ParsedEntry entry = new ParsedEntry("g", "post.html", "t", List.of(), List.of(), null, null, null, null, "https://cdn.example.org/a/");

    FetchedPost post = new EntryMapper().map(feed, null, entry, fetchedAt, "f");

    assertThat(post.getLink()).isEqualTo("https://cdn.example.org/a/post.html");
    assertThat(post.getRepairs()).containsExactly("link: relative, resolved against https://cdn.example.org/a/");
  }
}

package io.feedpipe.producer.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.identity.IdentityStrategy;
import io.feedpipe.producer.identity.PostIdentity;
import io.feedpipe.producer.parse.ParsedEntry;
import io.feedpipe.producer.parse.ParsedFeed;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Whatever a feed sends, the mapper's output is safe: valid Unicode without forbidden controls,
 * every field within its limit, a bounded post id, only http(s) URLs, every change noted, and a
 * record the project's Avro codec encodes within the record budget.
 */
class EntryMapperPropertiesTest {
  private static final FieldLimits LIMITS = FieldLimits.defaults().withMaxEntryBytes(FieldLimits.MIN_ENTRY_BYTES);
  private static final Instant FETCHED_AT = Instant.parse("2026-12-04T12:00:00Z");
  private final Serializer<FetchedPost> serializer = AvroSerdes.serializer(FetchedPost.class);
  private final Deserializer<FetchedPost> deserializer = AvroSerdes.deserializer(FetchedPost.class);

  @Property(tries = 300)
  void outputOfHostileEntriesKeepsEveryInvariant(@ForAll("feeds") FeedSource feed, @ForAll("entries") ParsedEntry entry,
      @ForAll("hostile") String language, @ForAll IdentityStrategy identity) {
    ParsedFeed parsed = new ParsedFeed("t", language, List.of(entry));
    FetchedPost post = new EntryMapper(LIMITS).map(feed, parsed, 1, identity, FETCHED_AT, "fetch-1").get(0);
    List<String> repairs = post.getRepairs();

    oneLine(post.getTitle(), LIMITS.titleChars());
    oneLine(post.getEntryGuid(), LIMITS.guidChars());
    oneLine(post.getLanguage(), LIMITS.languageChars());
    assertThat(post.getAuthors()).hasSizeLessThanOrEqualTo(LIMITS.maxNames()).allSatisfy(n -> oneLine(n, LIMITS.nameChars()));
    assertThat(post.getCategories()).hasSizeLessThanOrEqualTo(LIMITS.maxNames()).allSatisfy(n -> oneLine(n, LIMITS.nameChars()));
    assertThat(ValueRepair.isClean(post.getContentHtml(), true)).isTrue();
    assertThat(ValueRepair.isClean(post.getSummaryHtml(), true)).isTrue();
    httpOrNull(post.getLink());
    httpOrNull(post.getBaseUrl());
    assertThat(post.getPostId()).startsWith(feed.id() + ":").hasSizeLessThanOrEqualTo(feed.id().length() + 1 + LIMITS.entryIdChars());
    oneLine(post.getPostId(), Integer.MAX_VALUE);
    inRange(post.getPublishedAt());
    inRange(post.getUpdatedAt());

    noted(repairs, "postId", !post.getPostId().equals(PostIdentity.of(feed.id(), entry, identity)));
    noted(repairs, "title", !Objects.equals(post.getTitle(), entry.title()));
    noted(repairs, "entryGuid", !Objects.equals(post.getEntryGuid(), entry.guid()));
    noted(repairs, "language", !Objects.equals(post.getLanguage(), language));
    noted(repairs, "authors", !post.getAuthors().equals(entry.authors()));
    noted(repairs, "categories", !post.getCategories().equals(entry.categories()));
    noted(repairs, "link", !Objects.equals(post.getLink(), entry.link()));
    noted(repairs, "baseUrl", post.getBaseUrl() == null && entry.xmlBase() != null && !entry.xmlBase().isBlank());
    noted(repairs, "publishedAt", !Objects.equals(post.getPublishedAt(), entry.published()));
    noted(repairs, "updatedAt", !Objects.equals(post.getUpdatedAt(), entry.updated()));
    noted(repairs, "contentHtml", !Objects.equals(post.getContentHtml(), entry.contentHtml()));
    noted(repairs, "summaryHtml", !Objects.equals(post.getSummaryHtml(), entry.summaryHtml()));
    assertThat(post.getTruncated()).isEqualTo(post.getOriginalSize() != null);

    byte[] bytes = serializer.serialize("posts.raw", post);
    assertThat(bytes.length + post.getPostId().getBytes(StandardCharsets.UTF_8).length)
        .as("key and value within the record budget").isLessThanOrEqualTo(LIMITS.maxEntryBytes());
    assertThat(deserializer.deserialize("posts.raw", bytes)).isEqualTo(post);
  }

  private static void oneLine(String value, int maxChars) {
    if (value != null) {
      assertThat(ValueRepair.isClean(value, false)).as("clean: %s", value).isTrue();
      assertThat(value.length()).isLessThanOrEqualTo(maxChars);
    }
  }

  private static void httpOrNull(String url) {
    if (url != null) {
      assertThat(url).matches("(?i)https?://[^\\s]+").hasSizeLessThanOrEqualTo(LIMITS.linkChars());
      oneLine(url, LIMITS.linkChars());
    }
  }

  private static void inRange(Instant date) {
    if (date != null) {
      assertThat(date).isAfterOrEqualTo(LIMITS.earliest()).isBefore(LIMITS.latest());
    }
  }

  private static void noted(List<String> repairs, String field, boolean changed) {
    if (changed) {
      assertThat(repairs).as("a change of %s is noted", field).anyMatch(r -> r.startsWith(field + ": "));
    }
  }

  @Provide
  Arbitrary<FeedSource> feeds() {
    return Arbitraries.of(FeedSource.fromUrl("https://www.lesswrong.com/feed.xml"), FeedSource.fromUrl("file:///srv/feeds/local.xml"));
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(40),
            Arbitraries.strings()
                .withChars('\u0000', '\t', '\n', '\r', '\u0085', '\u009B', '\u007F', '\uD800', '\uDBFF', '\uDC00', '\uFFFE', '\uFFFF', '\uFDD0',
                    'a', ' ', '<', '>', '&', ';', '#', 'é', ':', '/')
                .ofMaxLength(300),
            Arbitraries.strings().all().ofMinLength(300).ofMaxLength(5000),
            urls())
        .injectNull(0.1);
  }

  private static Arbitrary<String> urls() {
    return Arbitraries.of("javascript:alert(1)", "java\tscript:alert(1)", " \u0001JavaScript:x", "jav\na\rscript:x", "data:text/html,x",
        "vbscript:x", "file:///etc/passwd", "https://x.org/a b|\u00e9", "http://[broken", "//cdn.x.org/a", "relative/path", "https://",
        "HTTPS://X.ORG/ok?q=1#f", "https://my_blog.example.org/p", "https://x.org/%zz", "https://x.org/" + "a".repeat(5000), "  ", "",
        "https://x.org/\uD800", "http://x.org/\u0000a", "https:x.org");
  }

  private Arbitrary<String> html() {
    Arbitrary<String> pieces = Arbitraries.oneOf(hostile().filter(Objects::nonNull), Arbitraries.of("<p>para é</p>", "<br>", "&amp;", "😀",
        "<a href=\"x\">"));
    Arbitrary<String> huge = Combinators.combine(pieces.filter(p -> !p.isEmpty()), Arbitraries.integers().between(1, 60_000))
        .as((p, n) -> p.repeat(Math.max(1, Math.min(n, 500_000 / p.length()))));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, hostile()), net.jqwik.api.Tuple.of(1, huge));
  }

  private static Arbitrary<Instant> dates() {
    Arbitrary<Instant> any = Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()).map(Instant::ofEpochSecond);
    Arbitrary<Instant> edges = Arbitraries.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.EPOCH.minusMillis(1),
        Instant.parse("2199-12-31T23:59:59.999Z"), Instant.parse("2200-01-01T00:00:00Z"), Instant.parse("2025-06-01T10:00:00Z"));
    return Arbitraries.oneOf(any, edges).injectNull(0.2);
  }

  private Arbitrary<List<String>> names() {
    return Arbitraries.oneOf(hostile().filter(Objects::nonNull).list().ofMaxSize(5),
        Arbitraries.strings().all().ofMaxLength(300).list().ofMinSize(90).ofMaxSize(130));
  }

  @Provide
  Arbitrary<ParsedEntry> entries() {
    Arbitrary<String[]> strings = Combinators.combine(hostile(), hostile(), hostile(), html(), html(), hostile())
        .as((guid, link, title, content, summary, base) -> new String[] {guid, link, title, content, summary, base});
    return Combinators.combine(strings, names(), names(), dates(), dates())
        .as((s, authors, categories, published, updated) ->
            new ParsedEntry(s[0], s[1], s[2], authors, categories, published, updated, s[3], s[4], s[5]));
  }
}

package io.feedpipe.sinks.hostile;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.testsupport.SamplePosts;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Tuple;

/**
 * Generated {@link CleanPost} revisions with hostile values in every field a feed or another writer
 * of posts.clean controls: NULs and other controls, unpaired surrogates, noncharacters, long
 * strings and lists, any instant Avro's timestamp-millis can carry, any revision number.
 */
public final class HostilePosts {
  private HostilePosts() {}

  public static Arbitrary<CleanPost> posts() {
    return Builders.withBuilder(() -> CleanPost.newBuilder(SamplePosts.cleanPost("f:template", 1)))
        .use(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20).map(s -> "f:" + s)).in((b, id) -> b.setPostId(id))
        .use(Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(1, 5)), Tuple.of(1, Arbitraries.integers())))
        .in((b, revision) -> b.setRevision(revision))
        .use(text(200)).in((b, title) -> b.setTitle(title))
        .use(text(2_000)).in((b, text) -> b.setText(text))
        .use(text(2_000)).in((b, html) -> b.setHtml(html))
        .use(text(300)).in((b, excerpt) -> b.setExcerpt(excerpt))
        .use(text(100).injectNull(0.3)).in((b, link) -> b.setLink(link))
        .use(text(50).list().ofMaxSize(8)).in((b, authors) -> b.setAuthors(authors))
        .use(text(50).list().ofMaxSize(8)).in((b, categories) -> b.setCategories(categories))
        .use(instant().injectNull(0.2)).in((b, at) -> b.setPublishedAt(at))
        .use(instant().injectNull(0.5)).in((b, at) -> b.setUpdatedAt(at))
        .use(instant()).in((b, at) -> b.setFirstSeenAt(at))
        .use(text(40)).in((b, feed) -> b.setFeedId(feed))
        .use(text(10).list().ofMaxSize(3)).in((b, repairs) -> b.setRepairs(repairs))
        .build(CleanPost.Builder::build);
  }

  /** Strings of up to {@code maxLength} characters, mostly ordinary, with every kind of troublesome character. */
  public static Arbitrary<String> text(int maxLength) {
    Arbitrary<Character> c = Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.chars().alpha()),
        Tuple.of(2, Arbitraries.of(' ', '\n', '\t', '\r', '"', '\\', '{', '}', ',', '\'')),
        Tuple.of(2, Arbitraries.of('\u0000')),
        Tuple.of(2, Arbitraries.chars().range('\u0001', '\u001F')),
        Tuple.of(1, Arbitraries.chars().range('\u007F', '\u009F')),
        Tuple.of(2, Arbitraries.chars().range('\uD800', '\uDFFF')),
        Tuple.of(1, Arbitraries.of('\uFFFE', '\uFFFF', '\uFEFF', '\u202E', '\u2028')),
        Tuple.of(2, Arbitraries.chars().all()));
    return c.list().ofMaxSize(maxLength).map(HostilePosts::string);
  }

  /** Any instant of timestamp-millis: epoch millis from Long.MIN_VALUE to Long.MAX_VALUE, extremes included. */
  public static Arbitrary<Instant> instant() {
    return Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.longs().between(0, 4_102_444_800_000L)),
            Tuple.of(2, Arbitraries.longs()),
            Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -62_135_596_800_000L, 253_402_300_799_999L, 9_224_318_016_000_000L)))
        .map(Instant::ofEpochMilli);
  }

  private static String string(List<Character> chars) {
    StringBuilder sb = new StringBuilder(chars.size());
    chars.forEach(sb::append);
    return sb.toString();
  }
}

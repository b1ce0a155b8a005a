package io.feedpipe.bench.memory;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.HtmlCleaner;
import io.feedpipe.streams.dedupe.DedupeDecider;
import io.feedpipe.streams.dedupe.DedupeDecision;
import io.feedpipe.streams.dedupe.RevisionContent;
import io.feedpipe.streams.dedupe.SourceHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The average sizes the bounds need, over a sample of the run's posts: the store's key (the post id)
 * and value (the {@code PostState} the dedupe processor stores for a new post, built by the same
 * cleaner, hashes and {@link DedupeDecider}, serialized by the same serde), and the record in posts.raw.
 *
 * @param keyBytes UTF-8 bytes of a post id
 * @param valueBytes serialized PostState
 * @param rawRecordBytes serialized FetchedPost
 */
public record StoreEntrySize(double keyBytes, double valueBytes, double rawRecordBytes) {

  public static StoreEntrySize sample(SyntheticPosts posts, int samples, CleanerConfig cleanerConfig) {
    HtmlCleaner cleaner = new HtmlCleaner(cleanerConfig);
    // Retention and touch granularity do not change a new post's state.
    DedupeDecider decider = new DedupeDecider(Duration.ofDays(30), Duration.ofHours(12));
    Serializer<PostState> states = AvroSerdes.serializer(PostState.class);
    Serializer<FetchedPost> raws = AvroSerdes.serializer(FetchedPost.class);
    long n = Math.min(samples, posts.count());
    long step = Math.max(1, posts.count() / n);
    double keys = 0;
    double values = 0;
    double raw = 0;
    for (long k = 0; k < n; k++) {
      FetchedPost post = posts.post(k * step);
      String title = HtmlCleaner.plainTitle(post.getTitle());
      String text = cleaner.clean(post.getContentHtml(), post.getLink()).text();
      PostState state = decider.nextState(null, new DedupeDecision.New(), RevisionContent.of(title, text), SourceHash.of(post),
          post.getFetchedAt());
      keys += post.getPostId().getBytes(StandardCharsets.UTF_8).length;
      values += states.serialize("post-state", state).length;
      raw += raws.serialize("posts.raw", post).length;
    }
    return new StoreEntrySize(keys / n, values / n, raw / n);
  }
}

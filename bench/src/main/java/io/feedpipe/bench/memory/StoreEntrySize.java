package io.feedpipe.bench.memory;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.topology.PostRevisions;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The average sizes the bounds need, over a sample of the run's posts: the store's key (the post id)
 * and value (the {@code PostState} the dedupe processor stores for a new post, computed by the
 * topology's own {@link PostRevisions} and serialized by the same serde), and the record in posts.raw.
 *
 * @param keyBytes UTF-8 bytes of a post id
 * @param valueBytes serialized PostState
 * @param rawRecordBytes serialized FetchedPost
 */
public record StoreEntrySize(double keyBytes, double valueBytes, double rawRecordBytes) {

  public static StoreEntrySize sample(SyntheticPosts posts, int samples, PostRevisions revisions) {
    Serializer<PostState> states = AvroSerdes.serializer(PostState.class);
    Serializer<FetchedPost> raws = AvroSerdes.serializer(FetchedPost.class);
    long n = Math.min(samples, posts.count());
    long step = Math.max(1, posts.count() / n);
    double keys = 0;
    double values = 0;
    double raw = 0;
    for (long k = 0; k < n; k++) {
      FetchedPost post = posts.post(k * step);
      PostState state = revisions.stateOf(null, post);
      keys += post.getPostId().getBytes(StandardCharsets.UTF_8).length;
      values += states.serialize("post-state", state).length;
      raw += raws.serialize("posts.raw", post).length;
    }
    return new StoreEntrySize(keys / n, values / n, raw / n);
  }
}

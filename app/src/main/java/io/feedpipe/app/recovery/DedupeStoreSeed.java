package io.feedpipe.app.recovery;

import io.feedpipe.bench.memory.SyntheticPosts;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.dedupe.RevisionContent;
import io.feedpipe.streams.dedupe.SourceHash;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import java.util.regex.Pattern;

/**
 * Fills the dedupe store's changelog with N ids the way the Streams app would have after processing
 * N new posts: one {@link PostState} per post at revision 1, built with the app's own hashes and
 * word sketch from the post's title and text (the text taken by dropping the tags of the synthetic
 * HTML rather than with the full cleaner: the same kind and size of value, at a fraction of the time). Keys go to the
 * partition posts.raw would give them (the same default partitioner, the same partition count), so
 * each id lives in the task that would look it up. The Streams app then restores its store from
 * this changelog on its first start, as it would on a new machine.
 *
 * <p>Processing a million posts with the real app takes minutes on an idle machine and much longer
 * on a busy one; the benchmark is about what happens to a store that size after a crash, not about
 * filling it.
 */
final class DedupeStoreSeed {

  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  private DedupeStoreSeed() {}

  static String changelog(String applicationId) {
    return applicationId + "-post-state-changelog";
  }

  static void write(String servers, Admin admin, String applicationId, SyntheticPosts posts, long count, PrintWriter progress)
      throws Exception {
    String topic = changelog(applicationId);
    admin.createTopics(List.of(new NewTopic(topic, FeedpipeTopics.DEFAULT_PARTITIONS, (short) 1)
        .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
    Map<String, Object> props = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
        ProducerConfig.LINGER_MS_CONFIG, 20);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long reportEvery = Math.max(1, count / 10);
    try (var producer = new KafkaProducer<String, PostState>(props, new StringSerializer(), AvroSerdes.serializer(PostState.class))) {
      for (long i = 0; i < count && failure.get() == null; i++) {
        producer.send(new ProducerRecord<>(topic, posts.postId(i), state(posts.post(i))), (meta, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
        if ((i + 1) % reportEvery == 0) {
          progress.printf("bench-recovery: %,d of %,d ids written to %s%n", i + 1, count, topic);
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("writing " + topic + ": " + failure.get().getMessage(), failure.get());
    }
  }

  /** What the store holds for {@code post} once the app has processed it as a new post. */
  static PostState state(FetchedPost post) {
    String title = post.getTitle() == null ? "" : post.getTitle();
    String html = post.getContentHtml() == null ? "" : post.getContentHtml();
    String text = TAG.matcher(html).replaceAll(" ").replaceAll("\\s+", " ").strip();
    RevisionContent content = RevisionContent.of(title, text);
    return PostState.newBuilder()
        .setRevision(1)
        .setContentHash(content.contentHash())
        .setSourceHash(SourceHash.of(post))
        .setFirstSeenAt(post.getFetchedAt())
        .setLastSeenAt(post.getFetchedAt())
        .setTitle(title)
        .setTextHash(content.textHash())
        .setWordSketch(ByteBuffer.wrap(content.wordSketch()))
        .build();
  }
}

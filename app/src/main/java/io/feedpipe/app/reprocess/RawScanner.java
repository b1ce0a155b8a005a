package io.feedpipe.app.reprocess;

import io.feedpipe.ops.replay.OffsetWindow;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.dedupe.SourceHash;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the selected records of posts.raw (committed ones only), in offset order per partition, up
 * to the end as of the start, and hands each post on once per version: a fetch whose source is the
 * same as the one handed on last for that post (a repeat, most of posts.raw) is skipped, since the
 * Streams app would judge it exactly as the first. Older versions of a post are handed on too; the
 * Streams app skips them, as their source is not the post's latest.
 */
public final class RawScanner {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STUCK = Duration.ofSeconds(60);

  /** One selected record: the raw bytes, kept as written, and the post they decode to. */
  public record Selected(int partition, byte[] key, byte[] value, FetchedPost post) {}

  /** Told each selected record. */
  @FunctionalInterface
  public interface Sink {
    void accept(Selected selected);
  }

  /** Told how far the scan is. */
  @FunctionalInterface
  public interface Progress {
    void update(long scanned, long total, long selected);
  }

  /** What a scan saw: records in the time range, selected ones, and those that could not be decoded (dead-lettered by the Streams app). */
  public record Counts(long scanned, long selected, long undecodable, int partitions) {}

  private final Map<String, Object> clientProps;

  public RawScanner(Map<String, Object> clientProps) {
    this.clientProps = Map.copyOf(clientProps);
  }

  public Counts scan(String rawTopic, RawSelection selection, Sink sink, Progress progress) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "feedpipe-reprocess");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Deserializer<FetchedPost> decoder = AvroSerdes.deserializer(FetchedPost.class);
    Map<String, String> lastSource = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(rawTopic, TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new ReprocessException("topic " + rawTopic + " does not exist: nothing to reprocess");
      }
      List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition(rawTopic, i.partition())).toList();
      consumer.assign(tps); // before asking for offsets: the consumer warns about partitions it does not hold
      // read_committed: the window ends at the last stable offsets
      OffsetWindow window = OffsetWindow.of(consumer, tps, selection.from(), selection.to(), TIMEOUT);
      long total = window.total();
      long[] selected = {0};
      long[] undecodable = {0};
      long scanned = window.read(consumer, STUCK, (read, open) -> new ReprocessException("no record of " + rawTopic + " arrived for "
          + STUCK.toSeconds() + " s (scanned " + read + " of " + total + "); is the cluster reachable?"), new OffsetWindow.Reader() {
            @Override
            public void record(ConsumerRecord<byte[], byte[]> r) {
              FetchedPost post;
              try {
                post = r.value() == null ? null : decoder.deserialize(r.topic(), r.value());
              } catch (SerializationException e) {
                post = null;
              }
              if (post == null) {
                undecodable[0]++;
                return;
              }
              if (!selection.accepts(post)) {
                return;
              }
              String source = SourceHash.of(post);
              if (source.equals(lastSource.put(post.getPostId(), source))) {
                return; // the same version as the one just handed on: judged alike
              }
              sink.accept(new Selected(r.partition(), r.key(), r.value(), post));
              selected[0]++;
            }

            @Override
            public void progress(long read) {
              progress.update(read, total, selected[0]);
            }
          });
      progress.update(scanned, Math.max(total, scanned), selected[0]);
      return new Counts(scanned, selected[0], undecodable[0], tps.size());
    }
  }

  /** Per partition, the first offset at or after {@code timestamp}, or the end when there is none. */
}

package io.feedpipe.app.recovery;

import io.feedpipe.bench.memory.SyntheticPosts;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes probe posts to posts.raw and watches posts.clean, read committed as any reader, for each:
 * the moment it appears is the moment the Streams app works again. Probes are the synthetic posts
 * after the N of the store, each new, so each is processed and written.
 */
final class ProbeWatcher implements AutoCloseable {

  private final SyntheticPosts posts;
  private final KafkaProducer<String, FetchedPost> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private long next;

  /** Probes are {@code posts} from {@code firstProbe} on. */
  ProbeWatcher(String servers, SyntheticPosts posts, long firstProbe) {
    this.posts = posts;
    this.next = firstProbe;
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), AvroSerdes.serializer(FetchedPost.class));
    consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(FeedpipeTopics.CLEAN).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
  }

  /**
   * Writes the next probe post and returns the {@link System#nanoTime()} at which it was read from
   * posts.clean, or -1 if it was not there within {@code timeout} (or {@code alive} turned false).
   */
  long sendAndAwait(Duration timeout, BooleanSupplier alive) throws Exception {
    if (next >= posts.count()) {
      throw new IllegalStateException("no probe posts left");
    }
    long i = next++;
    String id = posts.postId(i);
    // From the end as it is now: only what is written from here on.
    consumer.seekToEnd(consumer.assignment());
    consumer.assignment().forEach(consumer::position);
    producer.send(new ProducerRecord<>(FeedpipeTopics.RAW, id, posts.post(i))).get();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && alive.getAsBoolean()) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
        if (id.equals(record.key())) {
          return System.nanoTime();
        }
      }
    }
    return -1;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close(Duration.ofSeconds(5));
  }
}

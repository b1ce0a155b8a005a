package io.feedpipe.producer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** Reading a topic to its end and following it, on Kafka's MockConsumer: no broker. */
class CompactedTopicReaderTest {
  private static final String TOPIC = "feeds.config";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

  private static MockConsumer<String, byte[]> consumer(long endOffset) {
    MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, new Node[0], new Node[0])));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.updateEndOffsets(Map.of(P0, endOffset));
    return consumer;
  }

  private static ConsumerRecord<String, byte[]> record(long offset, String key, String value) {
    return new ConsumerRecord<>(TOPIC, 0, offset, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** The latest value per key, tombstones removing, as a compacted topic is read. */
  private static void applyTo(Map<String, String> latest, ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      latest.remove(r.key());
    } else {
      latest.put(r.key(), new String(r.value(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void readsToTheEndOffsetsTakenAtStartAndTreatsTombstonesAsRemovals() {
    MockConsumer<String, byte[]> consumer = consumer(3);
    consumer.schedulePollTask(() -> {
      consumer.addRecord(record(0, "a", "1"));
      consumer.addRecord(record(1, "b", "2"));
      consumer.addRecord(record(2, "a", null));
      consumer.addRecord(record(3, "c", "written after the read started"));
    });
    Map<String, String> latest = new TreeMap<>();

    boolean reachedEnd;
    try (CompactedTopicReader reader = new CompactedTopicReader(TOPIC, consumer, r -> applyTo(latest, r))) {
      reachedEnd = reader.readToEnd(null, Duration.ofSeconds(5), () -> false);
    }

    assertThat(reachedEnd).isTrue();
    assertThat(latest).containsExactly(Map.entry("b", "2"));
  }

  @Test
  void stopsEarlyWhenToldItHasEnough() {
    MockConsumer<String, byte[]> consumer = consumer(100);
    consumer.schedulePollTask(() -> consumer.addRecord(record(0, "a", "1")));
    List<String> keys = new CopyOnWriteArrayList<>();

    try (CompactedTopicReader reader = new CompactedTopicReader(TOPIC, consumer, r -> keys.add(r.key()))) {
      assertThat(reader.readToEnd(null, Duration.ofSeconds(5), () -> !keys.isEmpty())).isFalse();
    }
    assertThat(keys).containsExactly("a");
  }

  @Test
  void aMissingTopicIsNamed() {
    MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    try (CompactedTopicReader reader = new CompactedTopicReader("nowhere", consumer, r -> {})) {
      assertThatThrownBy(() -> reader.readToEnd(null, Duration.ofSeconds(1), () -> false))
          .isInstanceOf(UnknownTopicOrPartitionException.class)
          .hasMessageContaining("nowhere");
    }
  }

  @Test
  void followingCompletesWhenCaughtUpAndCatchesUpAgainWithNewRecords() throws Exception {
    MockConsumer<String, byte[]> consumer = consumer(2);
    consumer.schedulePollTask(() -> {
      consumer.addRecord(record(0, "a", "1"));
      consumer.addRecord(record(1, "b", "2"));
    });
    Map<String, String> latest = new java.util.concurrent.ConcurrentHashMap<>();

    try (CompactedTopicReader reader = new CompactedTopicReader(TOPIC, consumer, r -> applyTo(latest, r))) {
      CompletableFuture<Void> caughtUp = reader.follow("test-reader", (thread, cause) -> {});
      caughtUp.get(5, TimeUnit.SECONDS);
      assertThat(latest).containsOnlyKeys("a", "b");

      // Written before the catch-up is asked for (MockConsumer's methods are synchronized): a
      // catch-up covers what was written before it, whether the reader has polled it yet or not.
      consumer.addRecord(record(2, "a", null));
      consumer.updateEndOffsets(Map.of(P0, 3L));
      reader.catchUp().get(5, TimeUnit.SECONDS);
      assertThat(latest).containsOnlyKeys("b");
      assertThat(reader.isFollowing()).isTrue();
    }
  }

  @Test
  void aFailingReadIsReportedWithTheThreadNameAndFailsTheWaiters() {
    MockConsumer<String, byte[]> consumer = consumer(1);
    consumer.setPollException(new KafkaException("log directory offline"));
    AtomicReference<String> died = new AtomicReference<>();

    try (CompactedTopicReader reader = new CompactedTopicReader(TOPIC, consumer, r -> {})) {
      CompletableFuture<Void> caughtUp = reader.follow("test-reader", (thread, cause) -> died.set(thread + ": " + cause.getMessage()));

      assertThatThrownBy(() -> caughtUp.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasMessageContaining("reader of feeds.config stopped");
      assertThat(died.get()).isEqualTo("test-reader: log directory offline");
      assertThat(reader.catchUp()).isCompletedExceptionally();
    }
  }
}

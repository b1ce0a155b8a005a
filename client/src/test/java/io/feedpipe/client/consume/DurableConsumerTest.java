package io.feedpipe.client.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DurableConsumerTest {
  static final String TOPIC = "posts.clean";
  static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  /** Every commit the loop made (MockConsumer forgets them once closed). */
  final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
  final MockConsumer<String, String> consumer = new MockConsumer<>("earliest") {
    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
      commits.add(Map.copyOf(offsets));
      super.commitSync(offsets);
    }
  };

  /** What the loops tell their listener, in order. */
  final List<String> told = new ArrayList<>();
  final ConsumeListener listener = new ConsumeListener() {
    @Override
    public void batchDone(int written, long nanos) {
      told.add("batch " + written + (nanos > 0 ? "" : " (no time)"));
    }

    @Override
    public void rejected(Throwable failure) {
      told.add("rejected " + StandardFailures.category(failure));
    }

    @Override
    public void poisonSkipped(RecordDeserializationException failure) {
      told.add("poison " + failure.offset());
    }

    @Override
    public void committed() {
      told.add("committed");
    }
  };

  void assignWithRecords() {
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(P0, P1));
      consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
      consumer.seek(P0, 0);
      consumer.seek(P1, 0);
      consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "a", "a1"));
      consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "b", "b1"));
      consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 5, "c", "c1"));
    });
  }

  DurableConsumer<String> loop(DurableConsumer.BatchHandler<String> handler, DurableConsumer.PoisonHandler poison) {
    return new DurableConsumer<>(consumer, List.of(TOPIC), handler, poison, Duration.ofMillis(10), Duration.ofMillis(10))
        .withListener(listener);
  }

  @Test
  void commitsTheNextOffsetOfEveryPartitionOnlyAfterTheHandlerReturned() {
    List<String> handled = new ArrayList<>();
    List<Integer> commitsDuringHandle = new ArrayList<>();
    AtomicReference<DurableConsumer<String>> self = new AtomicReference<>();
    self.set(loop(batch -> {
      commitsDuringHandle.add(commits.size());
      batch.forEach(r -> handled.add(r.value()));
      self.get().stop();
    }, DurableConsumer.failOnPoison()));
    assignWithRecords();
    self.get().run();

    assertThat(handled).containsExactlyInAnyOrder("a1", "b1", "c1");
    assertThat(commitsDuringHandle).containsExactly(0);
    assertThat(commits).containsExactly(Map.of(P0, new OffsetAndMetadata(2), P1, new OffsetAndMetadata(6)));
    assertThat(self.get().committedOffsets()).isEqualTo(Map.of(P0, 2L, P1, 6L));
    assertThat(told).containsExactly("committed", "batch 3");
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void failedBatchIsNotCommittedAndIsDeliveredAgainFromItsFirstRecord() {
    AtomicInteger calls = new AtomicInteger();
    List<Map<TopicPartition, Long>> positionsAfterFailure = new ArrayList<>();
    AtomicReference<DurableConsumer<String>> self = new AtomicReference<>();
    self.set(loop(batch -> {
      calls.incrementAndGet();
      throw new IllegalStateException("database is down");
    }, DurableConsumer.failOnPoison()));
    assignWithRecords();
    consumer.schedulePollTask(() -> {
      // the poll after the failed batch: the loop has sought back to the batch's first offsets
      positionsAfterFailure.add(Map.of(P0, consumer.position(P0), P1, consumer.position(P1)));
      self.get().stop();
    });
    self.get().run();

    assertThat(calls).hasValue(1);
    assertThat(positionsAfterFailure).containsExactly(Map.of(P0, 0L, P1, 5L));
    assertThat(commits).isEmpty();
    assertThat(self.get().recordsHandled()).isZero();
    assertThat(told).as("a batch that failed is no batch done").isEmpty();
  }

  @Test
  void poisonRecordGoesToThePoisonHandlerAndIsSkippedAndCommitted() {
    List<Long> poisoned = new ArrayList<>();
    AtomicReference<DurableConsumer<String>> self = new AtomicReference<>();
    self.set(loop(batch -> { }, e -> {
      poisoned.add(e.offset());
      self.get().stop();
    }));
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(P0));
      consumer.updateBeginningOffsets(Map.of(P0, 0L));
      consumer.seek(P0, 3);
      consumer.setPollException(poison(P0, 3));
    });
    self.get().run();

    assertThat(poisoned).containsExactly(3L);
    assertThat(commits).containsExactly(Map.of(P0, new OffsetAndMetadata(4)));
    assertThat(told).containsExactly("poison 3", "committed");
  }

  @Test
  void byDefaultALoopStopsOnAPoisonRecordNamingWhereItIs() {
    DurableConsumer<String> loop = loop(batch -> { }, DurableConsumer.failOnPoison());
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(P0));
      consumer.updateBeginningOffsets(Map.of(P0, 0L));
      consumer.setPollException(poison(P0, 7));
    });
    assertThatThrownBy(loop::run).isInstanceOf(PoisonRecordException.class)
        .hasMessageContaining("posts.clean-0 offset 7");
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void recordThatCanNeverBeWrittenIsRejectedTheOthersAreWrittenAndTheBatchCommitted() {
    List<String> written = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    AtomicReference<DurableConsumer<String>> self = new AtomicReference<>();
    self.set(new DurableConsumer<>(consumer, List.of(TOPIC), batch -> {
      if (batch.stream().anyMatch(r -> r.value().equals("b1"))) {
        throw new java.sql.SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
      }
      batch.forEach(r -> written.add(r.value()));
    }, DurableConsumer.failOnPoison(), FailureClassifier.standard(), (record, failure) -> {
      rejected.add(record.value() + " " + StandardFailures.reason(failure));
      self.get().stop();
    }, Duration.ofMillis(10), Duration.ofMillis(10)).withListener(listener));
    assignWithRecords();
    self.get().run();

    assertThat(told).containsExactly("rejected data_exception", "committed", "batch 2");
    assertThat(written).containsExactlyInAnyOrder("a1", "c1");
    assertThat(rejected).containsExactly("b1 SQLState 22021: ERROR: invalid byte sequence for encoding \"UTF8\": 0x00");
    assertThat(commits).containsExactly(Map.of(P0, new OffsetAndMetadata(2), P1, new OffsetAndMetadata(6)));
    assertThat(self.get().recordsHandled()).isEqualTo(2);
    assertThat(self.get().recordsRejected()).isEqualTo(1);
  }

  @Test
  void withoutARejectHandlerTheLoopStopsOnARecordThatCanNeverBeWrittenInsteadOfRetryingForever() {
    List<String> written = new ArrayList<>();
    DurableConsumer<String> loop = loop(batch -> {
      if (batch.stream().anyMatch(r -> r.value().equals("c1"))) {
        throw new java.time.DateTimeException("year 300000 out of range");
      }
      batch.forEach(r -> written.add(r.value()));
    }, DurableConsumer.failOnPoison());
    assignWithRecords();

    assertThatThrownBy(loop::run).isInstanceOf(RejectFailedException.class).hasMessageContaining("posts.clean-1 offset 5")
        .hasMessageContaining("year 300000 out of range");
    assertThat(written).containsExactlyInAnyOrder("a1", "b1");
    assertThat(commits).isEmpty();
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void rejectThatFailsTransientlyDeliversTheBatchAgain() {
    AtomicInteger rejectCalls = new AtomicInteger();
    List<Map<TopicPartition, Long>> positionsAfterFailure = new ArrayList<>();
    AtomicReference<DurableConsumer<String>> self = new AtomicReference<>();
    self.set(new DurableConsumer<>(consumer, List.of(TOPIC), batch -> {
      if (batch.stream().anyMatch(r -> r.value().equals("a1"))) {
        throw new java.sql.SQLException("value too long", "22001");
      }
    }, DurableConsumer.failOnPoison(), FailureClassifier.standard(), (record, failure) -> {
      rejectCalls.incrementAndGet();
      throw new java.sql.SQLException("connection reset", "08006");
    }, Duration.ofMillis(10), Duration.ofMillis(10)));
    assignWithRecords();
    consumer.schedulePollTask(() -> {
      positionsAfterFailure.add(Map.of(P0, consumer.position(P0), P1, consumer.position(P1)));
      self.get().stop();
    });
    self.get().run();

    assertThat(rejectCalls).hasValue(1);
    assertThat(positionsAfterFailure).containsExactly(Map.of(P0, 0L, P1, 5L));
    assertThat(commits).isEmpty();
  }

  static RecordDeserializationException poison(TopicPartition tp, long offset) {
    return new RecordDeserializationException(RecordDeserializationException.DeserializationExceptionOrigin.VALUE, tp, offset,
        0L, TimestampType.CREATE_TIME, ByteBuffer.wrap(new byte[0]), ByteBuffer.wrap(new byte[] {1, 2}), new RecordHeaders(),
        "unknown schema fingerprint", new SerializationException("unknown schema fingerprint"));
  }
}

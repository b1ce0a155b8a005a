package io.feedpipe.bench.pipeline;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a Streams app has got through its input, by the offsets its group committed: a run that
 * writes where no reader of the bench watches is done when they reach the input's ends.
 */
final class CommittedOffsets {
  /** How often the group's committed offsets are read; exactly-once commits every 100 ms anyway. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private CommittedOffsets() {}

  /**
   * Offsets {@code group} committed on the partitions of {@code ends}, each counted up to its end
   * there, summed; read from the broker at most every 50 ms. A failed read answers the last value
   * (the next may succeed; {@link AwaitCount}'s stall timeout ends the wait otherwise).
   */
  static LongSupplier progress(Admin admin, String group, Map<TopicPartition, Long> ends) {
    long[] last = {0, 0}; // value, read at (nanos)
    return () -> {
      long now = System.nanoTime();
      if (now - last[1] < POLL_NANOS) {
        return last[0];
      }
      last[1] = now;
      try {
        Map<TopicPartition, OffsetAndMetadata> offsets =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long sum = 0;
        for (var end : ends.entrySet()) {
          OffsetAndMetadata committed = offsets.get(end.getKey());
          sum += committed == null ? 0 : Math.min(committed.offset(), end.getValue());
        }
        last[0] = sum;
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
      return last[0];
    };
  }

  /** The total of {@code ends}: what {@link #progress} reaches when the group has read everything. */
  static long total(Map<TopicPartition, Long> ends) {
    return ends.values().stream().mapToLong(Long::longValue).sum();
  }
}

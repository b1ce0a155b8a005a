package io.feedpipe.ops.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one collection saw of one partition of one group.
 *
 * @param committed the group's committed offset, -1 when it has none for this partition
 * @param logStart the oldest offset still in the partition
 * @param end the last stable offset (what a read_committed consumer can reach)
 * @param lag records not yet consumed: {@code end - committed}, or {@code end - logStart} without a commit
 * @param oldestUnconsumed the timestamp of the first record not yet consumed (the record at the
 *     committed offset); empty when nothing waits or it could not be read
 * @param owned whether a live member has the partition assigned
 */
public record PartitionSample(String topic, int partition, long committed, long logStart, long end, long lag, Optional<Instant> oldestUnconsumed,
    boolean owned) {

  /** How old the oldest unconsumed record is at {@code now}: zero when caught up, empty when unknown. */
  public Optional<Duration> timeLag(Instant now) {
    if (lag == 0) {
      return Optional.of(Duration.ZERO);
    }
    return oldestUnconsumed.map(t -> t.isAfter(now) ? Duration.ZERO : Duration.between(t, now));
  }

  /** Where a consumer of the group would read next. */
  public long position() {
    return committed < 0 ? logStart : Math.max(committed, logStart);
  }

  public static long lag(long committed, long logStart, long end) {
    return Math.max(0, end - (committed < 0 ? logStart : committed));
  }
}

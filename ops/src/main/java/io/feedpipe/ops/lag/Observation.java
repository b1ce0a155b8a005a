package io.feedpipe.ops.lag;

import java.time.Instant;

/**
 * One look at one partition of one group.
 *
 * @param committed the group's committed offset, or -1 when it has none
 * @param end the partition's end (the last stable offset: what a read_committed consumer can reach)
 * @param lag records between the committed offset (or the log start) and the end
 * @param owned whether a live member of the group has the partition assigned
 */
public record Observation(Instant at, long committed, long end, long lag, boolean owned) {

  /** An observation with the lag computed as {@code end - committed}, for tests and recorded sequences. */
  public static Observation of(long secondsSinceEpoch, long committed, long end, boolean owned) {
    return new Observation(Instant.ofEpochSecond(secondsSinceEpoch), committed, end, Math.max(0, end - Math.max(committed, 0)), owned);
  }
}

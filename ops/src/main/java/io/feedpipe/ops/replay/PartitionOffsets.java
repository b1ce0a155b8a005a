package io.feedpipe.ops.replay;

import java.util.OptionalLong;

/**
 * What the broker says about one partition, as the planner needs it.
 *
 * @param committed the group's committed offset; empty when it has none for this partition
 * @param logStart the oldest offset still in the partition
 * @param logEnd the offset the next record will get
 * @param offsetForTime the broker's answer to the time lookup ({@code ListOffsets} by timestamp):
 *     the first offset whose record timestamp is at or after the time; empty when no record is
 *     that late, or when the reset does not go by time
 */
public record PartitionOffsets(int partition, OptionalLong committed, long logStart, long logEnd, OptionalLong offsetForTime) {
  public PartitionOffsets {
    if (logStart < 0 || logEnd < logStart) {
      throw new IllegalArgumentException("partition " + partition + ": bad log range " + logStart + ".." + logEnd);
    }
  }
}

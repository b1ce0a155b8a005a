package io.feedpipe.ops.lag;

import java.util.List;

/** One collection of one consumer group: its state, live members and the partitions it has offsets for or owns. */
public record GroupSample(String group, String state, int members, List<PartitionSample> partitions) {
  public GroupSample {
    partitions = List.copyOf(partitions);
  }
}

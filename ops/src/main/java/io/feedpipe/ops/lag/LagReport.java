package io.feedpipe.ops.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A collection, evaluated: every group's partitions with their lag and status. */
public record LagReport(Instant at, List<Group> groups) {

  public LagReport {
    groups = List.copyOf(groups);
  }

  /** A partition's numbers and its evaluation over the window. */
  public record Partition(PartitionSample sample, Optional<Duration> timeLag, Evaluation evaluation) {}

  /** A group; its status is its worst partition's. */
  public record Group(String group, String state, int members, List<Partition> partitions, LagStatus status) {
    public Group {
      partitions = List.copyOf(partitions);
    }

    public long lag() {
      return partitions.stream().mapToLong(p -> p.sample().lag()).sum();
    }

    public Optional<Duration> maxTimeLag() {
      return partitions.stream().map(Partition::timeLag).flatMap(Optional::stream).max(Duration::compareTo);
    }
  }
}

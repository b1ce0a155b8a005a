package io.feedpipe.ops.lag;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest {@link LagReport} as Prometheus gauges, built at scrape time from the report (so a
 * partition or group that went away disappears with it):
 *
 * <ul>
 *   <li>{@code feedpipe_consumer_lag_records{group,topic,partition}} — records not yet consumed
 *   <li>{@code feedpipe_consumer_lag_seconds{group,topic,partition}} — age of the oldest of them (0 when caught up; absent when unknown)
 *   <li>{@code feedpipe_consumer_committed_offset{group,topic,partition}}
 *   <li>{@code feedpipe_topic_end_offset{topic,partition}}
 *   <li>{@code feedpipe_consumer_partition_status{group,topic,partition,status}} — 1 for the current status, 0 for the others
 *   <li>{@code feedpipe_consumer_group_status{group,status}} — 1 for the group's (worst partition's) status
 *   <li>{@code feedpipe_consumer_group_members{group}}
 *   <li>{@code feedpipe_lag_last_collection_timestamp_seconds} — when the numbers were read
 * </ul>
 */
public final class LagMetrics implements MultiCollector {
  private final AtomicReference<LagReport> latest = new AtomicReference<>();
  private final Labels common;

  public LagMetrics() {
    this.common = Labels.EMPTY;
  }

  /** With {@code process="…"} on every sample, like the other metrics of a feedpipe process. */
  public LagMetrics(String process) {
    this.common = Labels.of("process", process);
  }

  public void update(LagReport report) {
    latest.set(report);
  }

  @Override
  public MetricSnapshots collect() {
    LagReport report = latest.get();
    if (report == null) {
      return MetricSnapshots.of();
    }
    var lagRecords = gauge("feedpipe_consumer_lag_records", "Records of the partition the group has not consumed yet (end offset minus committed offset).");
    var lagSeconds = gauge("feedpipe_consumer_lag_seconds", "Age in seconds of the oldest record the group has not consumed yet; 0 when caught up.");
    var committed = gauge("feedpipe_consumer_committed_offset", "The group's committed offset on the partition.");
    var end = gauge("feedpipe_topic_end_offset", "The partition's last stable offset (what a read_committed consumer can reach).");
    var partitionStatus = gauge("feedpipe_consumer_partition_status",
        "1 for the partition's current status (OK, WARN, REWIND, STALL, STOP, after Burrow's rules), 0 for the others.");
    var groupStatus = gauge("feedpipe_consumer_group_status", "1 for the group's current status (its worst partition's), 0 for the others.");
    var members = gauge("feedpipe_consumer_group_members", "Live members of the group.");
    Map<String, Long> ends = new HashMap<>();
    for (LagReport.Group g : report.groups()) {
      for (LagReport.Partition p : g.partitions()) {
        PartitionSample s = p.sample();
        Labels labels = Labels.of("group", g.group(), "partition", String.valueOf(s.partition()), "topic", s.topic()).merge(common);
        lagRecords.dataPoint(point(labels, s.lag()));
        p.timeLag().ifPresent(d -> lagSeconds.dataPoint(point(labels, d.toMillis() / 1000.0)));
        if (s.committed() >= 0) {
          committed.dataPoint(point(labels, s.committed()));
        }
        ends.put(s.topic() + "\u0000" + s.partition(), s.end());
        for (LagStatus status : LagStatus.values()) {
          partitionStatus.dataPoint(point(labels.add("status", status.name()), status == p.evaluation().status() ? 1 : 0));
        }
      }
      for (LagStatus status : LagStatus.values()) {
        groupStatus.dataPoint(point(Labels.of("group", g.group(), "status", status.name()).merge(common), status == g.status() ? 1 : 0));
      }
      members.dataPoint(point(Labels.of("group", g.group()).merge(common), g.members()));
    }
    ends.forEach((key, value) -> {
      String[] parts = key.split("\u0000");
      end.dataPoint(point(Labels.of("partition", parts[1], "topic", parts[0]).merge(common), value));
    });
    var collected = gauge("feedpipe_lag_last_collection_timestamp_seconds", "When the offsets behind these numbers were read (Unix time).")
        .dataPoint(point(common, report.at().toEpochMilli() / 1000.0));
    return MetricSnapshots.of(lagRecords.build(), lagSeconds.build(), committed.build(), end.build(), partitionStatus.build(), groupStatus.build(),
        members.build(), collected.build());
  }

  private static GaugeSnapshot.Builder gauge(String name, String help) {
    return GaugeSnapshot.builder().name(name).help(help);
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}

package io.feedpipe.ops.replay;

import io.feedpipe.ops.TextColumns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Computes a replay plan from what the broker said: pure, no Kafka calls. The rules are those of
 * {@code kafka-consumer-groups --reset-offsets}: a target outside the log is clamped to its start
 * or end; a time with no record at or after it in a partition means that partition's end.
 */
public final class ReplayPlanner {
  private ReplayPlanner() {}

  public static ReplayPlan plan(String group, String topic, ResetSpec spec, List<PartitionOffsets> partitions) {
    List<PartitionOffsets> sorted = partitions.stream().sorted(Comparator.comparingInt(PartitionOffsets::partition)).toList();
    if (spec instanceof ResetSpec.ToOffsets to) {
      List<Integer> known = sorted.stream().map(PartitionOffsets::partition).toList();
      List<Integer> unknown = to.offsets().keySet().stream().filter(p -> !known.contains(p)).sorted().toList();
      if (!unknown.isEmpty()) {
        throw new ReplayException("topic " + topic + " has no partition " + unknown.stream().map(String::valueOf)
            .collect(Collectors.joining(", ")) + " (it has " + known.size() + ": 0-" + (known.size() - 1) + ")");
      }
    }
    List<ReplayPlan.Row> rows = new ArrayList<>();
    for (PartitionOffsets p : sorted) {
      long wanted;
      String note = "";
      if (spec instanceof ResetSpec.ToEarliest) {
        wanted = p.logStart();
      } else if (spec instanceof ResetSpec.ToLatest) {
        wanted = p.logEnd();
      } else if (spec instanceof ResetSpec.ToOffsets o) {
        Long offset = o.offsets().get(p.partition());
        if (offset == null) {
          continue; // not named: left as it is
        }
        wanted = offset;
      } else { // by time: ToDatetime, ByDuration
        wanted = p.offsetForTime().orElse(p.logEnd());
        if (p.offsetForTime().isEmpty()) {
          note = spec instanceof ResetSpec.ToDatetime d ? "no record at or after " + d.time() + ": end" : "no record that recent: end";
        }
      }
      long target = wanted;
      if (wanted < p.logStart()) {
        target = p.logStart();
        note = "offset " + wanted + " is gone (log starts at " + p.logStart() + "): clamped";
      } else if (wanted > p.logEnd()) {
        target = p.logEnd();
        note = "offset " + wanted + " is past the end " + p.logEnd() + ": clamped";
      }
      rows.add(new ReplayPlan.Row(p.partition(), p.committed(), target, p.logStart(), p.logEnd(), note));
    }
    return new ReplayPlan(group, topic, spec, rows);
  }

  /** The plan as the table {@code feedpipe replay} prints. */
  public static String table(ReplayPlan plan, boolean execute) {
    StringBuilder out = new StringBuilder();
    out.append("replay plan for group ").append(plan.group()).append(" on ").append(plan.topic()).append(": ").append(plan.spec().describe())
        .append(execute ? "" : " (dry run: nothing changes; add --execute to apply)").append('\n');
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"PARTITION", "CURRENT", "TARGET", "LOG-START", "LOG-END", "REPROCESS", "SKIP", "TO-READ", "NOTE"});
    for (ReplayPlan.Row r : plan.rows()) {
      cells.add(new String[] {String.valueOf(r.partition()), r.current().isPresent() ? String.valueOf(r.current().getAsLong()) : "-",
          String.valueOf(r.target()), String.valueOf(r.logStart()), String.valueOf(r.logEnd()), String.valueOf(r.reprocess()),
          String.valueOf(r.skip()), String.valueOf(r.toRead()), r.note()});
    }
    out.append(TextColumns.format(cells));
    out.append(String.format("total: %d record(s) processed again, %d skipped, %d to read%n", plan.reprocess(), plan.skip(), plan.toRead()));
    if (plan.skip() > 0) {
      out.append("warning: the group will never process ").append(plan.skip()).append(" record(s) it has not read yet\n");
    }
    return out.toString();
  }

  /** The plan's targets as {@code partition 0 offset 12, partition 1 offset 7}, for messages. */
  public static String describeTargets(ReplayPlan plan) {
    return plan.targets().entrySet().stream().map(e -> "partition " + e.getKey() + " offset " + e.getValue()).collect(Collectors.joining(", "));
  }
}

package io.feedpipe.ops.lag;

import io.feedpipe.ops.TextColumns;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link LagReport} as the table people read and the JSON machines read. */
public final class LagFormat {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private LagFormat() {}

  public static String table(LagReport report) {
    if (report.groups().isEmpty()) {
      return "no consumer groups with committed offsets or members (" + report.at() + ")\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "TIME-LAG", "STATUS"});
    for (LagReport.Group g : report.groups()) {
      for (LagReport.Partition p : g.partitions()) {
        PartitionSample s = p.sample();
        rows.add(new String[] {g.group(), s.topic(), String.valueOf(s.partition()), s.committed() < 0 ? "-" : String.valueOf(s.committed()),
            String.valueOf(s.end()), String.valueOf(s.lag()), p.timeLag().map(LagFormat::duration).orElse("?"), p.evaluation().status().name()});
      }
    }
    StringBuilder out = new StringBuilder(TextColumns.format(rows));
    for (LagReport.Group g : report.groups()) {
      out.append("group ").append(g.group()).append(": ").append(g.status()).append(" (").append(g.state().toLowerCase(java.util.Locale.ROOT))
          .append(", ").append(g.members()).append(" member(s)); lag ").append(g.lag()).append(" record(s)")
          .append(g.lag() == 0 ? "" : g.maxTimeLag().map(d -> ", oldest waiting " + duration(d)).orElse("")).append('\n');
      for (LagReport.Partition p : g.partitions()) {
        if (p.evaluation().status() != LagStatus.OK) {
          out.append("  ").append(p.sample().topic()).append('-').append(p.sample().partition()).append(' ')
              .append(p.evaluation().status()).append(": ").append(p.evaluation().reason()).append('\n');
        }
      }
    }
    return out.toString();
  }

  public static ObjectNode json(LagReport report) {
    ObjectNode root = JSON.objectNode();
    root.put("time", report.at().toString());
    ArrayNode groups = root.putArray("groups");
    for (LagReport.Group g : report.groups()) {
      ObjectNode group = groups.addObject();
      group.put("group", g.group());
      group.put("state", g.state());
      group.put("members", g.members());
      group.put("status", g.status().name());
      group.put("lag", g.lag());
      g.maxTimeLag().ifPresentOrElse(d -> group.put("maxLagSeconds", seconds(d)), () -> group.putNull("maxLagSeconds"));
      ArrayNode partitions = group.putArray("partitions");
      for (LagReport.Partition p : g.partitions()) {
        PartitionSample s = p.sample();
        ObjectNode partition = partitions.addObject();
        partition.put("topic", s.topic());
        partition.put("partition", s.partition());
        if (s.committed() < 0) {
          partition.putNull("committed");
        } else {
          partition.put("committed", s.committed());
        }
        partition.put("logStart", s.logStart());
        partition.put("end", s.end());
        partition.put("lag", s.lag());
        p.timeLag().ifPresentOrElse(d -> partition.put("lagSeconds", seconds(d)), () -> partition.putNull("lagSeconds"));
        s.oldestUnconsumed().ifPresentOrElse(t -> partition.put("oldestUnconsumed", t.toString()), () -> partition.putNull("oldestUnconsumed"));
        partition.put("owned", s.owned());
        partition.put("status", p.evaluation().status().name());
        partition.put("reason", p.evaluation().reason());
      }
    }
    return root;
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  /** 850ms, 42s, 3m07s, 5h02m, 2d04h. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format("%dd%02dh", s / 86_400, (s % 86_400) / 3600);
  }
}

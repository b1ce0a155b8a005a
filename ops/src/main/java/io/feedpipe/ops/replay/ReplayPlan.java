package io.feedpipe.ops.replay;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** The offsets a replay would set, per partition, and what that means in records. */
public record ReplayPlan(String group, String topic, ResetSpec spec, List<Row> rows) {

  public ReplayPlan {
    rows = List.copyOf(rows);
  }

  /**
   * One partition: {@code current → target}.
   *
   * @param note why the target is not simply what was asked (clamped to the log, no record that late), or empty
   */
  public record Row(int partition, OptionalLong current, long target, long logStart, long logEnd, String note) {

    /** Records already processed that the group will process again. */
    public long reprocess() {
      return current.isPresent() && target < current.getAsLong() ? current.getAsLong() - target : 0;
    }

    /** Records not processed yet that the group will never see. */
    public long skip() {
      return current.isPresent() && target > current.getAsLong() ? target - current.getAsLong() : 0;
    }

    /** Records the group will read after the reset, up to today's end. */
    public long toRead() {
      return logEnd - target;
    }
  }

  public long reprocess() {
    return rows.stream().mapToLong(Row::reprocess).sum();
  }

  public long skip() {
    return rows.stream().mapToLong(Row::skip).sum();
  }

  public long toRead() {
    return rows.stream().mapToLong(Row::toRead).sum();
  }

  /** The target offsets, by partition. */
  public Map<Integer, Long> targets() {
    Map<Integer, Long> targets = new TreeMap<>();
    rows.forEach(r -> targets.put(r.partition(), r.target()));
    return targets;
  }
}

package io.feedpipe.ops.lag;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a sliding window of observations per group and partition and evaluates each collection
 * with {@link LagRules}. Partitions that drop out of a collection lose their window.
 */
public final class LagEvaluator {
  public static final int DEFAULT_WINDOW = 10;

  private record Key(String group, String topic, int partition) {}

  private final int windowSize;
  private final Map<Key, Deque<Observation>> windows = new HashMap<>();

  public LagEvaluator(int windowSize) {
    if (windowSize < 1) {
      throw new IllegalArgumentException("window must hold at least 1 observation, got " + windowSize);
    }
    this.windowSize = windowSize;
  }

  public synchronized LagReport evaluate(Instant at, List<GroupSample> groups) {
    Set<Key> seen = new HashSet<>();
    List<LagReport.Group> out = new ArrayList<>();
    for (GroupSample g : groups) {
      List<LagReport.Partition> partitions = new ArrayList<>();
      LagStatus worst = LagStatus.OK;
      for (PartitionSample p : g.partitions()) {
        Key key = new Key(g.group(), p.topic(), p.partition());
        seen.add(key);
        Deque<Observation> window = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        window.addLast(new Observation(at, p.committed(), p.end(), p.lag(), p.owned()));
        while (window.size() > windowSize) {
          window.removeFirst();
        }
        Evaluation evaluation = LagRules.evaluate(List.copyOf(window));
        if (evaluation.status().worseThan(worst)) {
          worst = evaluation.status();
        }
        partitions.add(new LagReport.Partition(p, p.timeLag(at), evaluation));
      }
      out.add(new LagReport.Group(g.group(), g.state(), g.members(), partitions, worst));
    }
    windows.keySet().retainAll(seen);
    return new LagReport(at, out);
  }
}

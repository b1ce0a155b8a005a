package io.feedpipe.ops.lag;

import java.util.List;

/**
 * Burrow's consumer-lag evaluation rules, applied to a sliding window of observations of one
 * partition (oldest first). Pure: the tests feed it recorded sequences.
 *
 * <ol>
 *   <li>The committed offset went down between two observations: {@link LagStatus#REWIND}.
 *   <li>The lag was zero at any observation in the window: {@link LagStatus#OK} (it caught up).
 *   <li>The committed offset did not move over the window while records wait: {@link
 *       LagStatus#STOP} when no live member owns the partition (nobody commits), {@link
 *       LagStatus#STALL} when one does (it is there, but makes no progress; needs {@link
 *       #MIN_TREND} observations).
 *   <li>The offset moves, but the lag grew at every observation ({@link #MIN_TREND} or more):
 *       {@link LagStatus#WARN}.
 *   <li>Otherwise {@link LagStatus#OK}.
 * </ol>
 *
 * <p>Where Burrow tells "not committing" (STOP) from "committing the same offset" (STALL) by the
 * times of the commits, which it reads from {@code __consumer_offsets}, Kafka's Admin API gives
 * no commit times; feedpipe uses the group's membership instead: a partition no live member owns
 * is not being committed.
 */
public final class LagRules {
  /** Observations needed before a trend (STALL, WARN) is judged. */
  public static final int MIN_TREND = 3;

  private LagRules() {}

  public static Evaluation evaluate(List<Observation> window) {
    if (window.isEmpty()) {
      return new Evaluation(LagStatus.OK, "not observed yet");
    }
    Observation latest = window.get(window.size() - 1);
    for (int i = 1; i < window.size(); i++) {
      long before = window.get(i - 1).committed();
      long after = window.get(i).committed();
      if (before >= 0 && after >= 0 && after < before) {
        return new Evaluation(LagStatus.REWIND, "committed offset moved back from " + before + " to " + after);
      }
    }
    if (window.stream().anyMatch(o -> o.lag() == 0)) {
      return new Evaluation(LagStatus.OK, latest.lag() == 0 ? "caught up" : "caught up within the window, " + latest.lag() + " behind now");
    }
    long first = window.get(0).committed();
    boolean moved = window.stream().anyMatch(o -> o.committed() != first);
    if (!moved) {
      String at = first < 0 ? "no committed offset" : "committed offset stayed at " + first;
      if (!latest.owned()) {
        return new Evaluation(LagStatus.STOP, "no live member owns the partition; " + at + " while " + latest.lag() + " record(s) wait");
      }
      if (window.size() >= MIN_TREND) {
        return new Evaluation(LagStatus.STALL, "a live member owns the partition but its " + at + " over " + window.size()
            + " observations while " + latest.lag() + " record(s) wait");
      }
      return new Evaluation(LagStatus.OK, latest.lag() + " behind; too few observations to judge progress");
    }
    if (window.size() >= MIN_TREND) {
      boolean growing = true;
      for (int i = 1; i < window.size() && growing; i++) {
        growing = window.get(i).lag() > window.get(i - 1).lag();
      }
      if (growing) {
        return new Evaluation(LagStatus.WARN, "consuming, but the lag grew at every observation: " + window.get(0).lag() + " to " + latest.lag());
      }
    }
    return new Evaluation(LagStatus.OK, "consuming, " + latest.lag() + " behind");
  }
}

package io.feedpipe.bench.pipeline;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The paced steps of a run next to the Streams stage's burst rate: the highest rate held (every
 * post in posts.clean, p99 fetch → posts.clean within 1 s) and the step at half the stage's rate.
 * Pure.
 *
 * @param steps in the order run
 * @param stageRate the Streams stage's posts/s in the same run (its maximum: a backlog processed flat out)
 */
public record PacedReport(List<PacedResult> steps, double stageRate) {
  /** How far from half the stage's rate a step may be to count as the step at half of it. */
  static final double HALF_TOLERANCE = 0.05;

  public PacedReport {
    steps = List.copyOf(steps);
  }

  /** The highest rate among the steps held, if any was. */
  public Optional<PacedResult> highestHeld() {
    return steps.stream().filter(PacedResult::held).max(Comparator.comparingDouble(PacedResult::rate));
  }

  /** The step run at half the stage's rate (within 5 %), if one was. */
  public Optional<PacedResult> atHalfStageRate() {
    double half = stageRate / 2;
    return steps.stream().filter(s -> half > 0 && Math.abs(s.rate() - half) <= HALF_TOLERANCE * half).findFirst();
  }

  /** Whether every step's posts all arrived exactly once. */
  public boolean exactlyOnce() {
    return steps.stream().allMatch(s -> s.arrived() == s.expected() && s.duplicated() == 0);
  }
}

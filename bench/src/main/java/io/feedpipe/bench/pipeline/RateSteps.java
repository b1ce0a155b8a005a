package io.feedpipe.bench.pipeline;

import io.feedpipe.bench.support.BenchSetupException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rates of the paced steps ({@code --rate}): given rates, or {@code auto} — fractions of the
 * Streams stage's burst rate measured in the same run, from a quarter up to twice; half is always
 * run (the acceptance point), stepping stops at the first step above half that does not hold, and
 * one more step halfway between the highest rate held and that one narrows the limit down. Pure.
 *
 * @param fixed the given rates, in posts/s, in the order given; empty for auto
 */
public record RateSteps(List<Double> fixed) {
  /**
   * The fractions of the stage's rate auto steps through: above 1 too, since a steady load may be
   * held above the rate of a backlog processed flat out (and the stage's rate moves with the
   * machine's load).
   */
  public static final List<Double> AUTO_FRACTIONS = List.of(0.25, 0.5, 0.75, 1.0, 1.5, 2.0);

  public RateSteps {
    fixed = List.copyOf(fixed);
  }

  public boolean auto() {
    return fixed.isEmpty();
  }

  /**
   * @param spec {@code auto}, or posts per second, comma-separated ({@code 100,200,400})
   * @throws BenchSetupException naming --rate when it does not parse
   */
  public static RateSteps parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new BenchSetupException("--rate needs 'auto' or posts per second, e.g. --rate 200 or --rate 100,200,400");
    }
    if (spec.strip().toLowerCase(Locale.ROOT).equals("auto")) {
      return new RateSteps(List.of());
    }
    List<Double> rates = new ArrayList<>();
    for (String part : spec.split(",")) {
      double rate;
      try {
        rate = Double.parseDouble(part.strip());
      } catch (NumberFormatException e) {
        throw new BenchSetupException("--rate " + spec + ": '" + part.strip() + "' is not a number of posts per second (or use --rate auto)");
      }
      if (!(rate >= 1 && rate <= 100_000)) {
        throw new BenchSetupException("--rate " + spec + ": each rate must be between 1 and 100,000 posts/s, was " + part.strip());
      }
      rates.add(rate);
    }
    return new RateSteps(rates);
  }

  /** The rates to run, given the Streams stage's burst rate (used by auto). */
  public List<Double> rates(double stageRate) {
    if (!auto()) {
      return fixed;
    }
    return AUTO_FRACTIONS.stream().map(f -> (double) Math.max(1, Math.round(f * stageRate))).distinct().toList();
  }

  /** How much above the highest rate held the lowest not held must be for auto to try one halfway. */
  static final double REFINE_ABOVE = 1.1;

  /**
   * The next step's rate, given the steps run so far (in order) and the Streams stage's burst rate;
   * empty when done.
   */
  public Optional<Double> next(List<PacedResult> done, double stageRate) {
    List<Double> planned = rates(stageRate);
    if (done.isEmpty()) {
      return planned.isEmpty() ? Optional.empty() : Optional.of(planned.get(0));
    }
    if (!auto()) {
      return done.size() < planned.size() ? Optional.of(planned.get(done.size())) : Optional.empty();
    }
    PacedResult last = done.get(done.size() - 1);
    int at = planned.indexOf(last.rate());
    if (at < 0) {
      return Optional.empty(); // the halfway step ran
    }
    if (goOn(last.rate(), last.held(), stageRate)) {
      return at + 1 < planned.size() ? Optional.of(planned.get(at + 1)) : Optional.empty();
    }
    double held = done.stream().filter(PacedResult::held).mapToDouble(PacedResult::rate).max().orElse(0);
    if (held == 0 || last.rate() < held * REFINE_ABOVE) {
      return Optional.empty();
    }
    return Optional.of((double) Math.round((held + last.rate()) / 2));
  }

  /** Whether to run the next step after one at {@code rate} that {@code held} or not. */
  public boolean goOn(double rate, boolean held, double stageRate) {
    return !auto() || held || rate < stageRate / 2 * (1 - PacedReport.HALF_TOLERANCE);
  }
}

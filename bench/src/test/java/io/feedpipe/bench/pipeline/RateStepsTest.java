package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.bench.support.BenchSetupException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateStepsTest {

  @Test
  void givenRatesAreRunAsGivenAndAllOfThem() {
    RateSteps steps = RateSteps.parse("100, 200,400");
    assertThat(steps.rates(1_000)).containsExactly(100.0, 200.0, 400.0);
    assertThat(steps.goOn(100, false, 1_000)).isTrue();
  }

  @Test
  void autoStepsThroughFractionsOfTheStageRateAndStopsAboveHalfAtTheFirstStepNotHeld() {
    RateSteps auto = RateSteps.parse("AUTO");
    assertThat(auto.rates(1_200)).containsExactly(300.0, 600.0, 900.0, 1_200.0, 1_800.0, 2_400.0);
    assertThat(auto.goOn(300, false, 1_200)).as("half is always run").isTrue();
    assertThat(auto.goOn(600, true, 1_200)).isTrue();
    assertThat(auto.goOn(600, false, 1_200)).isFalse();
    assertThat(auto.goOn(900, false, 1_200)).isFalse();
    assertThat(auto.rates(2)).as("at least 1 post/s, no step twice").containsExactly(1.0, 2.0, 3.0, 4.0);
  }

  @Test
  void autoRunsTheFractionsInOrderThenOneStepHalfwayBetweenTheHighestHeldAndTheFirstNotHeld() {
    RateSteps auto = RateSteps.parse("auto");
    List<PacedResult> done = new java.util.ArrayList<>();
    assertThat(auto.next(done, 1_200)).hasValue(300.0);
    done.add(step(300, 2_000)); // not held, but half is always run
    assertThat(auto.next(done, 1_200)).hasValue(600.0);
    done.set(0, step(300, 400));
    done.add(step(600, 500));
    assertThat(auto.next(done, 1_200)).hasValue(900.0);
    done.add(step(900, 700));
    assertThat(auto.next(done, 1_200)).hasValue(1_200.0);
    done.add(step(1_200, 1_500));
    assertThat(auto.next(done, 1_200)).as("halfway between 900 held and 1,200 not").hasValue(1_050.0);
    done.add(step(1_050, 900));
    assertThat(auto.next(done, 1_200)).as("once").isEmpty();
  }

  @Test
  void autoStopsWithoutAHalfwayStepWhenNothingHeldOrAllHeld() {
    RateSteps auto = RateSteps.parse("auto");
    assertThat(auto.next(List.of(step(300, 2_000), step(600, 2_000)), 1_200)).isEmpty();
    List<PacedResult> allHeld = RateSteps.AUTO_FRACTIONS.stream().map(f -> step(f * 1_200, 100)).toList();
    assertThat(auto.next(allHeld, 1_200)).isEmpty();
  }

  @Test
  void givenRatesAreRunOneAfterTheOtherWhateverTheyShow() {
    RateSteps fixed = RateSteps.parse("100,200");
    assertThat(fixed.next(List.of(), 1_000)).hasValue(100.0);
    assertThat(fixed.next(List.of(step(100, 5_000)), 1_000)).hasValue(200.0);
    assertThat(fixed.next(List.of(step(100, 5_000), step(200, 5_000)), 1_000)).isEmpty();
  }

  @Test
  void aBadRateIsAnErrorNamingTheOption() {
    assertThatThrownBy(() -> RateSteps.parse("fast")).isInstanceOf(BenchSetupException.class)
        .hasMessage("--rate fast: 'fast' is not a number of posts per second (or use --rate auto)");
    assertThatThrownBy(() -> RateSteps.parse("100,0")).hasMessageContaining("between 1 and 100,000 posts/s, was 0");
    assertThatThrownBy(() -> RateSteps.parse(" ")).hasMessageContaining("--rate needs 'auto'");
  }

  @Test
  void theReportFindsTheHighestRateHeldAndTheStepAtHalfTheStageRate() {
    PacedReport report = new PacedReport(List.of(step(300, 200), step(600, 900), step(900, 1_400)), 1_210);
    assertThat(report.highestHeld()).hasValueSatisfying(s -> assertThat(s.rate()).isEqualTo(600));
    assertThat(report.atHalfStageRate()).as("600 is within 5 % of 605").hasValueSatisfying(s -> assertThat(s.rate()).isEqualTo(600));
    assertThat(new PacedReport(List.of(step(300, 200)), 1_210).atHalfStageRate()).isEmpty();
    assertThat(new PacedReport(List.of(step(300, 2_000)), 1_210).highestHeld()).isEmpty();
    assertThat(report.exactlyOnce()).isTrue();
  }

  static PacedResult step(double rate, long p99) {
    LatencyRecorder.Summary latency = new LatencyRecorder.Summary(100, p99 / 2, p99, p99 + 10);
    return new PacedResult(rate, 10, Duration.ofSeconds(1), Duration.ofSeconds(20), 100, 100, 0, latency, latency, 120_000_000L);
  }
}

package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WarmupPlanTest {

  @Test
  void noneWhenNoneIsAskedForOrThereIsNothingToCopy() {
    assertThat(WarmupPlan.of(0, 20_000).isNone()).isTrue();
    assertThat(WarmupPlan.of(20_000, 0).isNone()).isTrue();
    assertThat(WarmupPlan.of(0, 0).posts()).isZero();
  }

  @Test
  void aWarmUpWithinTheBatchCopiesJustThatAndRunsOnce() {
    assertThat(WarmupPlan.of(5_000, 20_000)).isEqualTo(new WarmupPlan(5_000, 1));
    assertThat(WarmupPlan.of(20_000, 20_000)).isEqualTo(new WarmupPlan(20_000, 1));
  }

  @Test
  void moreThanTheBatchRunsRoundsOverAllOfItUntilTheNumberIsReached() {
    assertThat(WarmupPlan.of(60_000, 20_000)).isEqualTo(new WarmupPlan(20_000, 3));
    WarmupPlan overshoot = WarmupPlan.of(50_000, 20_000);
    assertThat(overshoot).isEqualTo(new WarmupPlan(20_000, 3));
    assertThat(overshoot.posts()).isEqualTo(60_000);
    // Fewer records than --posts were produced: still whole rounds over what there is.
    assertThat(WarmupPlan.of(200, 60)).isEqualTo(new WarmupPlan(60, 4));
  }

  @Test
  void roundsAreCappedWhenTheProducerWroteFarFewerRecordsThanAskedFor() {
    assertThat(WarmupPlan.of(20_000, 7)).isEqualTo(new WarmupPlan(7, WarmupPlan.MAX_ROUNDS));
    assertThat(WarmupPlan.of(Integer.MAX_VALUE, 1).rounds()).isEqualTo(WarmupPlan.MAX_ROUNDS);
  }

  @Test
  void negativeCountsAreRefused() {
    assertThatThrownBy(() -> WarmupPlan.of(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WarmupPlan.of(10, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}

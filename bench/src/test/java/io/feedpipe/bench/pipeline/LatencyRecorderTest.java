package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  @Test
  void percentilesAreNearestRankOverEveryValue() {
    LatencyRecorder latency = new LatencyRecorder();
    for (int ms = 100; ms >= 1; ms--) { // 1..100, out of order
      latency.record(ms);
    }
    assertThat(latency.summary()).isEqualTo(new LatencyRecorder.Summary(100, 50, 99, 100));
  }

  @Test
  void growsPastItsInitialCapacityAndHandlesFewValues() {
    LatencyRecorder latency = new LatencyRecorder();
    latency.record(7);
    assertThat(latency.summary()).isEqualTo(new LatencyRecorder.Summary(1, 7, 7, 7));
    for (int i = 0; i < 5_000; i++) {
      latency.record(1_000);
    }
    assertThat(latency.summary().count()).isEqualTo(5_001);
    assertThat(latency.summary().p50()).isEqualTo(1_000);
  }

  @Test
  void noValuesGiveZeros() {
    assertThat(new LatencyRecorder().summary()).isEqualTo(new LatencyRecorder.Summary(0, 0, 0, 0));
  }
}

package io.feedpipe.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleStatsTest {

  @Test
  void keepsTheLatestSampleAndTheLargestOfEachMeasure() {
    SampleStats stats = new SampleStats();
    assertThat(stats.last()).isNull();
    stats.add(new SampleStats.Sample(10, 500, 9, 10, 100, 7));
    stats.add(new SampleStats.Sample(20, 900, 15, 19, 80, 9));
    stats.add(new SampleStats.Sample(30, 600, 12, -1, 120, 8));
    assertThat(stats.samples()).isEqualTo(3);
    assertThat(stats.last()).isEqualTo(new SampleStats.Sample(30, 600, 12, -1, 120, 8));
    assertThat(stats.maxKeysCounted()).isEqualTo(19);
    assertThat(stats.lastKeysCounted()).isEqualTo(19);
    assertThat(stats.maxStoreBytes()).isEqualTo(900);
    assertThat(stats.maxKeysEstimate()).isEqualTo(15);
    assertThat(stats.maxHeapUsed()).isEqualTo(120);
    assertThat(stats.maxRocksDbBytes()).isEqualTo(9);
  }

  @Test
  void unknownKeyEstimatesStayUnknown() {
    SampleStats stats = new SampleStats();
    stats.add(new SampleStats.Sample(1, 1, -1, -1, 1, -1));
    assertThat(stats.maxKeysEstimate()).isEqualTo(-1);
    assertThat(stats.maxKeysCounted()).isEqualTo(-1);
    assertThat(stats.maxRocksDbBytes()).isEqualTo(-1);
  }
}

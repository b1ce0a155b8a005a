package io.feedpipe.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatedClockTest {

  private static final long DAY = 86_400_000L;

  @Test
  void startsAtTheGivenTimeAndRunsOnInRealTime() throws InterruptedException {
    long start = System.currentTimeMillis() - DAY;
    SimulatedClock clock = new SimulatedClock(start);
    long first = clock.milliseconds();
    assertThat(first).isBetween(start, start + 1000);
    Thread.sleep(20);
    assertThat(clock.milliseconds()).isGreaterThanOrEqualTo(first + 20);
  }

  @Test
  void advancesToALaterTimeButNeverGoesBack() {
    long start = System.currentTimeMillis() - DAY;
    SimulatedClock clock = new SimulatedClock(start);
    clock.advanceTo(start + 3_600_000);
    long afterJump = clock.milliseconds();
    assertThat(afterJump).isGreaterThanOrEqualTo(start + 3_600_000).isLessThan(start + 3_601_000);
    clock.advanceTo(start);
    assertThat(clock.milliseconds()).isGreaterThanOrEqualTo(afterJump);
  }

  @Test
  void durationsStayReal() {
    SimulatedClock clock = new SimulatedClock(0);
    long before = System.nanoTime();
    long nanos = clock.nanoseconds();
    assertThat(nanos).isBetween(before, System.nanoTime());
  }
}

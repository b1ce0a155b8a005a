package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacedLedgerTest {
  // 10 posts/s for 2 s on 2 feeds: post i is published at start + 100·i ms.
  private final PacingSchedule schedule = new PacingSchedule(10, Duration.ofSeconds(2), Duration.ofSeconds(1), 2);
  private final long start = 1_000_000L;
  private final PacedLedger ledger = new PacedLedger("bench-r3-", 500, schedule, start);

  private static String key(int feed, int index) {
    return "bench-r3-" + feed + ":bench-post-" + index;
  }

  @Test
  void eachPostCountsOnceWithItsLatencyFromFetchAndFromPublication() {
    // post 5 (index 505) published at +500 ms, fetched at +900 ms, read at +1,200 ms
    assertThat(ledger.record(key(1, 505), start + 900, start + 1_200)).isTrue();
    assertThat(ledger.record(key(0, 504), start + 900, start + 1_000)).isTrue();
    assertThat(ledger.record(key(1, 505), start + 900, start + 1_500)).as("a second record of post 5").isTrue();

    PacedResult result = ledger.result();
    assertThat(result.expected()).isEqualTo(20);
    assertThat(result.arrived()).isEqualTo(2);
    assertThat(result.duplicated()).isEqualTo(1);
    assertThat(result.fromFetch().max()).isEqualTo(300);
    assertThat(result.fromFetch().p50()).isEqualTo(100);
    assertThat(result.fromPublished().max()).as("read at +1,200, published at +500").isEqualTo(700);
    assertThat(result.held()).isFalse();
  }

  @Test
  void keysOfOtherStepsAndPostsOutsideTheStepAreNotItsOwn() {
    assertThat(ledger.record("bench-r4-0:bench-post-504", start, start)).isFalse();
    assertThat(ledger.record(key(0, 499), start, start)).isFalse();
    assertThat(ledger.record(key(0, 520), start, start)).as("the step has posts 500–519").isFalse();
    assertThat(ledger.record("bench-r3-0:something-else", start, start)).isFalse();
    assertThat(ledger.record(null, start, start)).isFalse();
    assertThat(ledger.distinct()).isZero();
  }

  @Test
  void aStepHoldsWhenEveryPostArrivedOnceWithP99FromFetchWithinOneSecond() {
    for (int post = 0; post < 20; post++) {
      ledger.record(key(post % 2, 500 + post), start, start + (post == 19 ? 5_000 : 900));
    }
    PacedResult result = ledger.result();
    assertThat(result.arrived()).isEqualTo(20);
    assertThat(result.fromFetch().p99()).as("nearest rank: the 20th of 20 values is the p99").isEqualTo(5_000);
    assertThat(result.held()).isFalse();

    PacedLedger fast = new PacedLedger("bench-r3-", 500, schedule, start);
    for (int post = 0; post < 20; post++) {
      fast.record(key(post % 2, 500 + post), start, start + 1_000);
    }
    assertThat(fast.result().held()).isTrue();
  }
}

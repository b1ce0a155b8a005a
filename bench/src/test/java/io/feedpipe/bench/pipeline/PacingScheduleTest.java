package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PacingScheduleTest {
  private static final long MS = 1_000_000L;

  @Test
  void asManyFeedsAsItTakesForAPollToFindAboutTheGivenNumberOfNewPosts() {
    PacingSchedule schedule = PacingSchedule.of(600, Duration.ofSeconds(20), Duration.ofSeconds(2), 20);
    assertThat(schedule.feeds()).as("600 posts/s × 2 s ÷ 20 per poll").isEqualTo(60);
    assertThat(schedule.posts()).isEqualTo(12_000);
    assertThat(PacingSchedule.of(5, Duration.ofSeconds(10), Duration.ofSeconds(1), 20).feeds()).as("at least one").isEqualTo(1);
    assertThat(PacingSchedule.of(30, Duration.ofSeconds(10), Duration.ofSeconds(1), 20).feeds()).as("rounded up").isEqualTo(2);
  }

  @Test
  void postsArePublishedOneEveryOneOverRateSecondsFromTheStart() {
    PacingSchedule schedule = new PacingSchedule(4, Duration.ofSeconds(2), Duration.ofSeconds(1), 2);
    assertThat(schedule.publishedAtNanos(0)).isZero();
    assertThat(schedule.publishedAtNanos(1)).isEqualTo(250 * MS);
    assertThat(schedule.publishedBy(-1)).isZero();
    assertThat(schedule.publishedBy(0)).isEqualTo(1);
    assertThat(schedule.publishedBy(250 * MS - 1)).isEqualTo(1);
    assertThat(schedule.publishedBy(250 * MS)).isEqualTo(2);
    assertThat(schedule.publishedBy(1_750 * MS)).isEqualTo(8);
    assertThat(schedule.publishedBy(60_000 * MS)).as("no more than the duration's posts").isEqualTo(8);
  }

  @Test
  void everyPostIsOnExactlyOneFeedAndTheFeedsCountsAddUp() {
    PacingSchedule schedule = new PacingSchedule(37, Duration.ofSeconds(3), Duration.ofSeconds(1), 5);
    Set<Integer> seen = new HashSet<>();
    for (int feed = 0; feed < schedule.feeds(); feed++) {
      for (int nth = 0; nth < schedule.publishedBy(feed, Long.MAX_VALUE / 2); nth++) {
        int post = schedule.post(feed, nth);
        assertThat(schedule.feedOf(post)).isEqualTo(feed);
        assertThat(seen.add(post)).as("post %d once", post).isTrue();
      }
    }
    assertThat(seen).hasSize(schedule.posts());
    for (long at = 0; at < 4_000 * MS; at += 7 * MS) {
      long t = at;
      int perFeed = java.util.stream.IntStream.range(0, schedule.feeds()).map(f -> schedule.publishedBy(f, t)).sum();
      assertThat(perFeed).as("at %d ms", at / MS).isEqualTo(schedule.publishedBy(t));
    }
  }

  @Test
  void feedsAreFirstDueSpreadEvenlyOverOnePollInterval() {
    PacingSchedule schedule = new PacingSchedule(100, Duration.ofSeconds(10), Duration.ofSeconds(2), 4);
    assertThat(schedule.firstPollNanos(0)).isZero();
    assertThat(schedule.firstPollNanos(1)).isEqualTo(500 * MS);
    assertThat(schedule.firstPollNanos(3)).isEqualTo(1_500 * MS);
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new PacingSchedule(0, Duration.ofSeconds(1), Duration.ofSeconds(1), 1)).hasMessageContaining("rate");
    assertThatThrownBy(() -> new PacingSchedule(1, Duration.ZERO, Duration.ofSeconds(1), 1)).hasMessageContaining("duration");
    assertThatThrownBy(() -> PacingSchedule.of(1, Duration.ofSeconds(1), Duration.ofSeconds(1), 0)).hasMessageContaining("per poll");
  }
}

package io.feedpipe.producer.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.parse.FeedHints;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scheduler on a fixed clock: pure decisions about the next poll. */
class PollSchedulerTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:15:00Z"); // a Monday
  private static final ScheduleSettings SETTINGS = new ScheduleSettings(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofHours(2),
      Duration.ofMinutes(1), Duration.ofMinutes(30), 0.5, 2, Duration.ofSeconds(1), 16);
  private final PollScheduler scheduler = new PollScheduler(SETTINGS, () -> 0.0);

  @Test
  void unknownPostingRateUsesTheDefaultInterval() {
    assertThat(scheduler.afterSuccess(NOW, null, null, FeedHints.none(), null)).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
  }

  @Test
  void adaptiveIntervalIsHalfThePostingIntervalWithinMinAndMax() {
    assertThat(scheduler.interval(null, Duration.ofMinutes(40), FeedHints.none(), null)).isEqualTo(Duration.ofMinutes(20));
    assertThat(scheduler.interval(null, Duration.ofMinutes(2), FeedHints.none(), null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(scheduler.interval(null, Duration.ofDays(3), FeedHints.none(), null)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void ttlUpdatePeriodAndMaxAgeRaiseTheIntervalUpToTheMax() {
    FeedHints ttl = new FeedHints(Duration.ofMinutes(60), Set.of(), Set.of(), null);
    FeedHints sy = new FeedHints(null, Set.of(), Set.of(), Duration.ofMinutes(30));
    assertThat(scheduler.interval(null, Duration.ofMinutes(20), ttl, null)).isEqualTo(Duration.ofMinutes(60));
    assertThat(scheduler.interval(null, null, sy, null)).isEqualTo(Duration.ofMinutes(30));
    assertThat(scheduler.interval(null, null, FeedHints.none(), Duration.ofMinutes(45))).isEqualTo(Duration.ofMinutes(45));
    assertThat(scheduler.interval(null, null, new FeedHints(Duration.ofDays(1), Set.of(), Set.of(), null), null)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void feedIntervalWinsOverTheObservedRate() {
    assertThat(scheduler.interval(Duration.ofMinutes(15), Duration.ofMinutes(40), FeedHints.none(), null)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void skipHoursAndSkipDaysMoveThePollOut() {
    FeedHints hours = new FeedHints(null, Set.of(10, 11), Set.of(), null);
    assertThat(scheduler.afterSuccess(NOW, null, null, hours, null)).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
    FeedHints monday = new FeedHints(null, Set.of(), Set.of(DayOfWeek.MONDAY), null);
    assertThat(scheduler.afterSuccess(NOW, null, null, monday, null)).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
    FeedHints everyHour = new FeedHints(null, Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23), Set.of(), null);
    assertThat(scheduler.afterSuccess(NOW, null, null, everyHour, null)).as("never dropped").isEqualTo(NOW.plus(Duration.ofMinutes(10)));
  }

  @Test
  void backoffDoublesWithJitterAndIsCapped() {
    PollScheduler maxJitter = new PollScheduler(SETTINGS, () -> 0.999_999);
    assertThat(List.of(1, 2, 3, 4, 5, 6, 50).stream().map(scheduler::backoff).toList()).containsExactly(Duration.ofMinutes(1),
        Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(30),
        Duration.ofMinutes(30));
    assertThat(maxJitter.backoff(3)).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(4)); // at most half taken off
  }

  @Test
  void retryAfterIsHonouredWhenLaterButNotBeyondTheCap() {
    assertThat(scheduler.afterFailure(NOW, 1, NOW.plusSeconds(600))).isEqualTo(NOW.plusSeconds(600));
    assertThat(scheduler.afterFailure(NOW, 1, NOW.plusSeconds(10))).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    assertThat(scheduler.afterFailure(NOW, 1, NOW.plus(Duration.ofDays(2)))).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
  }

  @Test
  void postingIntervalCountsUpToNowSoADormantFeedSlowsDown() {
    List<Instant> hourly = List.of(NOW.minusSeconds(3600), NOW.minusSeconds(7200), NOW.minusSeconds(10800));
    assertThat(PollScheduler.postingInterval(hourly, NOW)).isEqualTo(Duration.ofHours(1));
    List<Instant> dormant = List.of(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(31)));
    assertThat(PollScheduler.postingInterval(dormant, NOW)).isEqualTo(Duration.ofHours(372));
    assertThat(PollScheduler.postingInterval(List.of(NOW), NOW)).isNull();
  }

  @Test
  void hostGateLimitsConcurrencyAndSpacesRequests() {
    HostGate gate = new HostGate(2, Duration.ofSeconds(1));
    assertThat(gate.tryAcquire("a.example", NOW)).isNull();
    assertThat(gate.tryAcquire("A.example", NOW.plusMillis(500))).as("gap").isEqualTo(NOW.plusSeconds(1));
    assertThat(gate.tryAcquire("a.example", NOW.plusSeconds(1))).isNull();
    assertThat(gate.tryAcquire("a.example", NOW.plusSeconds(3))).as("two in flight").isNotNull();
    assertThat(gate.tryAcquire("b.example", NOW.plusSeconds(3))).as("other host").isNull();
    gate.release("a.example");
    assertThat(gate.tryAcquire("a.example", NOW.plusSeconds(3))).isNull();
  }
}

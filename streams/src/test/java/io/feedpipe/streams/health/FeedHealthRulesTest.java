package io.feedpipe.streams.health;

import static io.feedpipe.streams.health.HealthEvents.fetched;
import static io.feedpipe.streams.health.HealthEvents.notModified;
import static io.feedpipe.streams.health.HealthEvents.serverError;
import static io.feedpipe.streams.health.HealthEvents.slowFetch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.schemas.FeedHealth;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.HealthState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedHealthRulesTest {
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  /** Short limits: 3 errors, dead after 1 h, stale after 4 × usual and at least 30 min, flapping at 4 flips in 1 h. */
  static final FeedHealthSettings SETTINGS = new FeedHealthSettings(3, Duration.ofSeconds(10), 2, Duration.ofHours(1), 4,
      Duration.ofMinutes(30), 4, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(2));

  private final FeedHealthRules rules = new FeedHealthRules(SETTINGS);

  private FeedHealth apply(FeedHealth health, FeedStatus... events) {
    for (FeedStatus e : events) {
      health = rules.onStatus(health, e);
    }
    return health;
  }

  private static Instant min(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void firstSuccessfulFetchIsOk() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5));
    assertThat(h.getState()).isEqualTo(HealthState.OK);
    assertThat(h.getReason()).isNull();
    assertThat(h.getSince()).isEqualTo(T0);
    assertThat(h.getFirstSeenAt()).isEqualTo(T0);
    assertThat(h.getLastSuccessAt()).isEqualTo(T0);
    assertThat(h.getLastOutcome()).isEqualTo("FETCHED");
  }

  @Test
  void errorsInARowMakeAFeedDegradedAndOneSuccessMakesItOkAgain() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5), serverError(min(1), 1), serverError(min(2), 2));
    assertThat(h.getState()).as("two errors: below the limit").isEqualTo(HealthState.OK);
    assertThat(h.getErrorsInARow()).isEqualTo(2);

    h = apply(h, serverError(min(3), 3));
    assertThat(h.getState()).isEqualTo(HealthState.DEGRADED);
    assertThat(h.getSince()).isEqualTo(min(3));
    assertThat(h.getReason()).contains("3 failed fetches in a row").contains("health.degraded-after-errors 3").contains("HTTP 500");

    h = apply(h, serverError(min(4), 4));
    assertThat(h.getSince()).as("still DEGRADED since the third error").isEqualTo(min(3));

    h = apply(h, notModified(min(5)));
    assertThat(h.getState()).isEqualTo(HealthState.OK);
    assertThat(h.getErrorsInARow()).isZero();
    assertThat(h.getSince()).isEqualTo(min(5));
    assertThat(h.getLastError()).as("kept for people after the success").contains("HTTP 500");
  }

  @Test
  void errorStreakOfTheProducerCountsWhenItKnowsMore() {
    FeedHealth h = apply(null, serverError(T0, 7));
    assertThat(h.getErrorsInARow()).isEqualTo(7);
    assertThat(h.getState()).isEqualTo(HealthState.DEGRADED);
  }

  @Test
  void noSuccessForDeadAfterMakesAFeedDeadWhenTheClockPasses() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5), serverError(min(10), 1), serverError(min(20), 2), serverError(min(30), 3));
    assertThat(h.getState()).isEqualTo(HealthState.DEGRADED);

    assertThat(rules.onClock(h, min(59))).as("59 minutes without success: not yet").isSameAs(h);
    FeedHealth dead = rules.onClock(h, min(61));
    assertThat(dead.getState()).isEqualTo(HealthState.DEAD);
    assertThat(dead.getSince()).as("when dead-after ran out, not when it was noticed").isEqualTo(min(60));
    assertThat(dead.getReason()).contains("no successful fetch since " + T0).contains("health.dead-after 1h").contains("HTTP 500");

    FeedHealth back = apply(dead, fetched(min(90), 1200, 6));
    assertThat(back.getState()).isEqualTo(HealthState.OK);
    assertThat(back.getSince()).isEqualTo(min(90));
  }

  @Test
  void anErrorAfterDeadAfterIsJudgedDeadAtOnce() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5), serverError(min(70), 1));
    assertThat(h.getState()).isEqualTo(HealthState.DEAD);
    assertThat(h.getSince()).isEqualTo(min(60));
  }

  @Test
  void aFeedThatNeverSucceededIsDeadAfterDeadAfterSinceFirstSeen() {
    FeedHealth h = apply(null, serverError(T0, 1));
    FeedHealth dead = rules.onClock(h, min(60));
    assertThat(dead.getState()).isEqualTo(HealthState.DEAD);
    assertThat(dead.getReason()).contains("no successful fetch since first seen at " + T0);
  }

  @Test
  void aFeedNoLongerFetchedAtAllIsDeadAndTheReasonAsksAboutTheProducer() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5));
    FeedHealth dead = rules.onClock(h, min(60));
    assertThat(dead.getState()).isEqualTo(HealthState.DEAD);
    assertThat(dead.getReason()).contains("not fetched since " + T0).contains("is a producer polling this feed?");
  }

  @Test
  void notModifiedForLongerThanStaleFactorTimesTheUsualIntervalIsStale() {
    // Changes every 10 minutes: the usual interval is 10 min, the limit 4 × 10 = 40 min (above the 30 min floor).
    FeedHealth h = apply(null, fetched(T0, 1000, 5), fetched(min(10), 1100, 6), fetched(min(20), 1200, 7), notModified(min(30)),
        notModified(min(50)));
    assertThat(h.getUsualChangeIntervalMs()).isEqualTo(Duration.ofMinutes(10).toMillis());
    assertThat(h.getLastChangeAt()).isEqualTo(min(20));
    assertThat(h.getState()).isEqualTo(HealthState.OK);

    FeedHealth stale = apply(h, notModified(min(59)));
    assertThat(stale.getState()).as("39 minutes after the last change: not yet").isEqualTo(HealthState.OK);
    stale = rules.onClock(stale, min(61));
    assertThat(stale.getState()).isEqualTo(HealthState.STALE);
    assertThat(stale.getSince()).isEqualTo(min(60));
    assertThat(stale.getReason()).contains("no change since " + min(20)).contains("4 × its usual interval of 10m");

    FeedHealth fresh = apply(stale, fetched(min(62), 1300, 8));
    assertThat(fresh.getState()).isEqualTo(HealthState.OK);
  }

  @Test
  void anEventThatArrivesAfterTheClocksVerdictDoesNotUndoIt() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5), notModified(min(29)));
    FeedHealth stale = rules.onClock(h, min(31));
    assertThat(stale.getState()).isEqualTo(HealthState.STALE);
    assertThat(stale.getSince()).isEqualTo(min(30));
    FeedHealth late = apply(stale, notModified(min(29).plusSeconds(50))); // fetched before the verdict, judged after it
    assertThat(late.getState()).isEqualTo(HealthState.STALE);
    assertThat(late.getSince()).isEqualTo(min(30));
    FeedHealth news = apply(late, fetched(min(29).plusSeconds(55), 1100, 6));
    assertThat(news.getState()).as("a changed document is news, whenever it was fetched").isEqualTo(HealthState.OK);
  }

  @Test
  void theSameDocumentAgainIsNoChange() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5), fetched(min(10), 1000, 5), fetched(min(20), 1000, 5));
    assertThat(h.getLastChangeAt()).isEqualTo(T0);
    assertThat(h.getUsualChangeIntervalMs()).isNull();
    FeedHealth stale = apply(h, fetched(min(31), 1000, 5));
    assertThat(stale.getState()).as("no change for over the 30 min floor, usual interval unknown").isEqualTo(HealthState.STALE);
    assertThat(stale.getReason()).contains("health.stale-min-age 30m").contains("not known yet");
  }

  @Test
  void staleNeverComesBeforeTheMinimumAgeHoweverFrequentTheFeed() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5), fetched(min(1), 1100, 6));
    assertThat(rules.onClock(h, min(29)).getState()).as("4 × 1 min passed, 30 min floor not").isEqualTo(HealthState.OK);
    assertThat(rules.onClock(h, min(31)).getState()).isEqualTo(HealthState.STALE);
  }

  @Test
  void aFailingFeedIsNotCalledStale() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5), serverError(min(40), 1));
    assertThat(rules.onClock(h, min(50)).getState()).isEqualTo(HealthState.OK);
  }

  @Test
  void manyChangesBetweenSuccessAndFailureWithinTheWindowAreFlappingUntilTheWindowPasses() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5), serverError(min(5), 1), notModified(min(10)), serverError(min(15), 1),
        notModified(min(20)));
    assertThat(h.getRecentFlips()).hasSize(4);
    assertThat(h.getState()).isEqualTo(HealthState.FLAPPING);
    assertThat(h.getReason()).contains("4 changes between success and failure within 1h");
    h = apply(h, fetched(min(50), 1100, 6)); // a changed document, so that the end of FLAPPING is not STALE
    assertThat(h.getState()).isEqualTo(HealthState.FLAPPING);

    assertThat(rules.onClock(h, min(64))).as("the first flip is still within the hour").isSameAs(h);
    FeedHealth calm = rules.onClock(h, min(66));
    assertThat(calm.getState()).isEqualTo(HealthState.OK);
  }

  @Test
  void flappingOutranksDegradedSoAFlappingFeedStaysFlapping() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5), serverError(min(1), 1), notModified(min(2)), serverError(min(3), 1),
        notModified(min(4)), serverError(min(5), 1), serverError(min(6), 2), serverError(min(7), 3));
    assertThat(h.getErrorsInARow()).isEqualTo(3);
    assertThat(h.getState()).isEqualTo(HealthState.FLAPPING);
  }

  @Test
  void slowFetchesInARowMakeAFeedDegraded() {
    FeedHealth h = apply(null, slowFetch(T0, 12_000));
    assertThat(h.getState()).isEqualTo(HealthState.OK);
    h = apply(h, slowFetch(min(1), 15_000));
    assertThat(h.getState()).isEqualTo(HealthState.DEGRADED);
    assertThat(h.getReason()).contains("took longer than 10s");
    h = apply(h, slowFetch(min(2), 300));
    assertThat(h.getState()).isEqualTo(HealthState.OK);
  }

  @Test
  void writesOnlyWhatChangedOrOnceAnHour() {
    FeedHealthRules rules = new FeedHealthRules(FeedHealthSettings.defaults());
    FeedHealth first = rules.onStatus(null, fetched(T0, 1000, 5));
    assertThat(rules.worthPublishing(null, first, T0)).isTrue();
    FeedHealth written = FeedHealthRules.writtenAt(first, T0);
    FeedHealth again = rules.onStatus(written, notModified(min(10)));
    assertThat(rules.worthPublishing(written, again, min(10))).as("nothing new for people").isFalse();
    FeedHealth error = rules.onStatus(written, serverError(min(10), 1));
    assertThat(rules.worthPublishing(written, error, min(10))).as("the error count changed").isTrue();
    FeedHealth later = rules.onStatus(written, notModified(min(60)));
    assertThat(later.getState()).isEqualTo(HealthState.OK);
    assertThat(rules.worthPublishing(written, later, min(60))).as("an hour since the last write").isTrue();
    assertThat(FeedHealthRules.writtenAt(later, min(60)).getUpdatedAt()).isEqualTo(min(60));
  }

  @Test
  void aFeedWithoutEventsForForgetAfterIsForgotten() {
    FeedHealth h = apply(null, fetched(T0, 1000, 5));
    assertThat(rules.forgettable(h, T0.plus(Duration.ofDays(2)).minusMillis(1))).isFalse();
    assertThat(rules.forgettable(h, T0.plus(Duration.ofDays(2)))).isTrue();
  }

  @Test
  void theClockBehindTheLastEventJudgesNothing() {
    FeedHealth h = apply(null, serverError(T0, 1));
    assertThat(rules.onClock(h, T0.minusSeconds(5))).isSameAs(h);
  }

  @Test
  void settingsOutOfRangeNameTheSetting() {
    FeedHealthSettings d = FeedHealthSettings.defaults();
    assertThatThrownBy(() -> new FeedHealthSettings(0, d.slowFetch(), d.degradedAfterSlow(), d.deadAfter(), d.staleFactor(),
        d.staleMinAge(), d.flappingChanges(), d.flappingWindow(), d.checkInterval(), d.forgetAfter()))
        .hasMessageContaining("health.degraded-after-errors must be between 1 and 1000, got 0");
    assertThatThrownBy(() -> new FeedHealthSettings(3, d.slowFetch(), d.degradedAfterSlow(), Duration.ZERO, d.staleFactor(),
        d.staleMinAge(), d.flappingChanges(), d.flappingWindow(), d.checkInterval(), d.forgetAfter()))
        .hasMessageContaining("health.dead-after must be a positive duration");
    assertThatThrownBy(() -> new FeedHealthSettings(3, d.slowFetch(), d.degradedAfterSlow(), d.deadAfter(), d.staleFactor(),
        d.staleMinAge(), d.flappingChanges(), d.flappingWindow(), Duration.ofMillis(10), d.forgetAfter()))
        .hasMessageContaining("health.check-interval must be at least 100ms");
    assertThatThrownBy(() -> new FeedHealthSettings(3, d.slowFetch(), d.degradedAfterSlow(), d.deadAfter(), d.staleFactor(),
        d.staleMinAge(), d.flappingChanges(), d.flappingWindow(), d.checkInterval(), d.deadAfter()))
        .hasMessageContaining("health.forget-after").hasMessageContaining("must be longer than health.dead-after");
  }
}

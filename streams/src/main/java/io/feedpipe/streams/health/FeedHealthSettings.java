package io.feedpipe.streams.health;

import java.time.Duration;

/**
 * When a feed counts as DEGRADED, DEAD, STALE or FLAPPING ({@link FeedHealthRules}), and how often
 * the time limits are checked. Validated on construction; an error names the {@code health.*}
 * setting at fault.
 *
 * @param degradedAfterErrors failed fetches in a row that make a feed DEGRADED (default 3)
 * @param slowFetch a successful fetch taking longer than this counts as slow (default 10 s)
 * @param degradedAfterSlow slow fetches in a row that make a feed DEGRADED (default 3)
 * @param deadAfter no successful fetch for this long makes a feed DEAD (default 3 days); also a
 *     feed that is not fetched at all any more
 * @param staleFactor a feed whose document has not changed for this many times its usual
 *     interval between changes is STALE (default 4)
 * @param staleMinAge never STALE before this long without a change, and the limit while the usual
 *     interval is not known yet (default 2 days): keeps feeds that post in bursts, or that were just
 *     added, from being called stale overnight
 * @param flappingChanges changes between success and failure within {@code flappingWindow} that
 *     make a feed FLAPPING (default 6)
 * @param flappingWindow see {@code flappingChanges} (default 6 h)
 * @param checkInterval how often every feed's time limits (DEAD, STALE, the end of FLAPPING) are
 *     checked without an event (default 1 min): a state changes at most this late
 * @param forgetAfter a feed without any status event for this long is forgotten: deleted from
 *     the store, with a tombstone in feeds.health (default 30 days; removed feeds go away)
 */
public record FeedHealthSettings(
    int degradedAfterErrors,
    Duration slowFetch,
    int degradedAfterSlow,
    Duration deadAfter,
    int staleFactor,
    Duration staleMinAge,
    int flappingChanges,
    Duration flappingWindow,
    Duration checkInterval,
    Duration forgetAfter) {

  /** Below this the wall-clock punctuation would run the whole store scan too often. */
  public static final Duration MIN_CHECK_INTERVAL = Duration.ofMillis(100);

  public FeedHealthSettings {
    between("health.degraded-after-errors", degradedAfterErrors, 1, 1000);
    positive("health.slow-fetch", slowFetch);
    between("health.degraded-after-slow", degradedAfterSlow, 1, 1000);
    positive("health.dead-after", deadAfter);
    between("health.stale-factor", staleFactor, 1, 1000);
    positive("health.stale-min-age", staleMinAge);
    between("health.flapping-changes", flappingChanges, 2, 1000);
    positive("health.flapping-window", flappingWindow);
    positive("health.check-interval", checkInterval);
    if (checkInterval.compareTo(MIN_CHECK_INTERVAL) < 0) {
      throw new IllegalArgumentException("health.check-interval must be at least 100ms, got " + checkInterval);
    }
    positive("health.forget-after", forgetAfter);
    if (forgetAfter.compareTo(deadAfter) <= 0) {
      // A feed must be able to turn DEAD before it is forgotten, or a dead feed would just vanish.
      throw new IllegalArgumentException("health.forget-after (" + forgetAfter + ") must be longer than health.dead-after ("
          + deadAfter + ")");
    }
  }

  public static FeedHealthSettings defaults() {
    return new FeedHealthSettings(3, Duration.ofSeconds(10), 3, Duration.ofDays(3), 4, Duration.ofDays(2), 6, Duration.ofHours(6),
        Duration.ofMinutes(1), Duration.ofDays(30));
  }

  private static void between(String setting, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(setting + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  private static void positive(String setting, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be a positive duration, got " + value);
    }
  }
}

package io.feedpipe.producer.schedule;

import java.time.Duration;

/**
 * When feeds are polled, and how politely. Validated on construction; an error names the setting.
 *
 * @param defaultInterval interval of a feed whose posting rate is not known yet (no dated entries)
 *     and that has no interval of its own. Default 5 min
 * @param minInterval no feed is polled more often than this, whatever its posting rate. Default 5
 *     min; many publishers rate-limit below 5–15 min
 * @param maxInterval no healthy feed waits longer than this, whatever its ttl or Cache-Control say
 *     (so an over-cautious ttl cannot hide new posts for days). Default 2 h
 * @param backoffBase wait after the first failure; doubled per further consecutive failure. Default
 *     5 min
 * @param backoffCap the longest wait after failures (and the most a Retry-After is honoured); a
 *     failing feed keeps being retried at this interval, never dropped. Default 12 h
 * @param jitter fraction (0–1) of each backoff that is randomized, so feeds that failed together do
 *     not retry together. Default 0.3
 * @param perHostConcurrency fetches from one host at a time. Default 2
 * @param perHostGap minimum time between the starts of two requests to one host. Default 1 s;
 *     0 for local benchmarks and tests
 * @param maxConcurrentFetches fetches in flight across all hosts. Default 16
 */
public record ScheduleSettings(
    Duration defaultInterval,
    Duration minInterval,
    Duration maxInterval,
    Duration backoffBase,
    Duration backoffCap,
    double jitter,
    int perHostConcurrency,
    Duration perHostGap,
    int maxConcurrentFetches) {

  public ScheduleSettings {
    positive("poll-interval", defaultInterval);
    positive("min-interval", minInterval);
    positive("max-interval", maxInterval);
    positive("backoff-base", backoffBase);
    positive("backoff-cap", backoffCap);
    if (maxInterval.compareTo(minInterval) < 0) {
      throw new IllegalArgumentException("max-interval (" + maxInterval + ") must not be below min-interval (" + minInterval + ")");
    }
    if (backoffCap.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException("backoff-cap (" + backoffCap + ") must not be below backoff-base (" + backoffBase + ")");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("backoff-jitter must be between 0 and 1, was " + jitter);
    }
    if (perHostConcurrency < 1 || perHostConcurrency > 1000) {
      throw new IllegalArgumentException("per-host-concurrency must be between 1 and 1000, was " + perHostConcurrency);
    }
    if (perHostGap == null || perHostGap.isNegative()) {
      throw new IllegalArgumentException("per-host-gap must be zero or positive, was " + perHostGap);
    }
    if (maxConcurrentFetches < 1 || maxConcurrentFetches > 1000) {
      throw new IllegalArgumentException("max-concurrent-fetches must be between 1 and 1000, was " + maxConcurrentFetches);
    }
  }

  public static ScheduleSettings defaults() {
    return new ScheduleSettings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofMinutes(5),
        Duration.ofHours(12), 0.3, 2, Duration.ofSeconds(1), 16);
  }

  /** These settings with another default interval; min-interval is lowered to it when above. */
  public ScheduleSettings withDefaultInterval(Duration interval) {
    Duration min = minInterval.compareTo(interval) > 0 ? interval : minInterval;
    Duration max = maxInterval.compareTo(interval) < 0 ? interval : maxInterval;
    return new ScheduleSettings(interval, min, max, backoffBase, backoffCap, jitter, perHostConcurrency, perHostGap, maxConcurrentFetches);
  }

  public ScheduleSettings withHostLimits(int concurrency, Duration gap, int maxConcurrent) {
    return new ScheduleSettings(defaultInterval, minInterval, maxInterval, backoffBase, backoffCap, jitter, concurrency, gap, maxConcurrent);
  }

  private static void positive(String setting, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be positive, was " + value);
    }
  }
}

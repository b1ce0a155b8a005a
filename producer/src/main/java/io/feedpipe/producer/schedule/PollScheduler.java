package io.feedpipe.producer.schedule;

import io.feedpipe.producer.parse.FeedHints;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Decides when a feed is polled next. Pure: the time and the randomness are passed in, so tests
 * run it on a fake clock.
 *
 * <ul>
 *   <li>After a success (fetched or not modified): the feed's own interval when it has one, else
 *       half its observed posting interval (so a new post waits on average a quarter of the gap),
 *       else the default; raised to at least the feed's RSS {@code ttl}, {@code sy:updatePeriod}
 *       and the response's Cache-Control max-age / Expires; bounded by min/max interval; then moved
 *       out of the feed's {@code skipHours}/{@code skipDays}.
 *   <li>After a failure: exponential backoff from the base, doubled per consecutive failure, with
 *       jitter, capped. A Retry-After is honoured when later (up to the cap). The feed is never
 *       dropped: at the cap it keeps being retried.
 * </ul>
 */
public final class PollScheduler {
  // Mean of the newest entries' spacing; more says little about the current rate.
  private static final int RATE_SAMPLE = 20;

  private final ScheduleSettings settings;
  private final DoubleSupplier random;

  /** @param random uniform in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble} */
  public PollScheduler(ScheduleSettings settings, DoubleSupplier random) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.random = Objects.requireNonNull(random, "random");
  }

  public ScheduleSettings settings() {
    return settings;
  }

  /**
   * @param feedInterval the feed's own interval (feeds add --interval); null: adaptive
   * @param postingInterval observed mean time between posts; null when unknown
   * @param hints what the feed document said (ttl, skip*, sy:updatePeriod); {@link FeedHints#none()}
   *     after a 304
   * @param freshFor Cache-Control max-age / Expires of the response; null when absent
   */
  public Instant afterSuccess(Instant now, Duration feedInterval, Duration postingInterval, FeedHints hints, Duration freshFor) {
    Duration interval = interval(feedInterval, postingInterval, hints, freshFor);
    return avoidSkipped(now.plus(interval), hints);
  }

  /** The interval {@link #afterSuccess} uses, before skipHours/skipDays. */
  public Duration interval(Duration feedInterval, Duration postingInterval, FeedHints hints, Duration freshFor) {
    Duration interval;
    if (feedInterval != null) {
      interval = feedInterval;
    } else if (postingInterval != null) {
      interval = postingInterval.dividedBy(2);
    } else {
      interval = settings.defaultInterval();
    }
    interval = atLeast(interval, hints.ttl());
    interval = atLeast(interval, hints.updatePeriod());
    interval = atLeast(interval, freshFor);
    return clamp(interval, settings.minInterval(), settings.maxInterval());
  }

  /**
   * @param errorStreak consecutive failures including this one (≥ 1)
   * @param retryAt when the server asked us to come back; null when it did not say
   */
  public Instant afterFailure(Instant now, int errorStreak, Instant retryAt) {
    Instant next = now.plus(backoff(errorStreak));
    if (retryAt != null && retryAt.isAfter(next)) {
      Instant latest = now.plus(settings.backoffCap());
      next = retryAt.isAfter(latest) ? latest : retryAt;
    }
    return next;
  }

  /**
   * The wait after {@code errorStreak} consecutive failures: base × 2^(streak−1), capped, of which
   * the {@code jitter} fraction is random (so the result lies in [(1−jitter)·b, b]).
   */
  public Duration backoff(int errorStreak) {
    int doublings = Math.max(0, Math.min(errorStreak - 1, 40));
    long baseMs = settings.backoffBase().toMillis();
    long capMs = settings.backoffCap().toMillis();
    long ms = doublings >= 62 || baseMs > (capMs >> Math.min(doublings, 62)) ? capMs : Math.min(capMs, baseMs << doublings);
    long jittered = ms - (long) (ms * settings.jitter() * random.getAsDouble());
    return Duration.ofMillis(Math.max(1, jittered));
  }

  /**
   * The mean time between the feed's posts, over its newest dated entries up to now: (now − oldest)
   * / count, so a feed that stopped posting slows down too. Null with fewer than two dates.
   */
  public static Duration postingInterval(Collection<Instant> entryDates, Instant now) {
    List<Instant> dates = new ArrayList<>();
    for (Instant d : entryDates) {
      if (d != null) {
        dates.add(d.isAfter(now) ? now : d);
      }
    }
    if (dates.size() < 2) {
      return null;
    }
    dates.sort(null);
    List<Instant> newest = dates.subList(Math.max(0, dates.size() - RATE_SAMPLE), dates.size());
    Duration span = Duration.between(newest.get(0), now);
    return span.isZero() ? Duration.ofSeconds(1) : span.dividedBy(newest.size());
  }

  /** The first full hour at or after {@code at} (GMT) that is neither a skip hour nor on a skip day. */
  static Instant avoidSkipped(Instant at, FeedHints hints) {
    if (hints.skipHours().isEmpty() && hints.skipDays().isEmpty()) {
      return at;
    }
    if (hints.skipHours().size() >= 24 || hints.skipDays().size() >= 7) {
      return at; // a feed that asks never to be polled is polled anyway: nothing is dropped silently
    }
    ZonedDateTime t = at.atZone(ZoneOffset.UTC);
    for (int i = 0; i < 24 * 8 && skipped(t, hints); i++) {
      t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
    }
    return t.toInstant();
  }

  private static boolean skipped(ZonedDateTime t, FeedHints hints) {
    DayOfWeek day = t.getDayOfWeek();
    return hints.skipHours().contains(t.getHour()) || hints.skipDays().contains(day);
  }

  private static Duration atLeast(Duration value, Duration floor) {
    return floor != null && floor.compareTo(value) > 0 ? floor : value;
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }
}

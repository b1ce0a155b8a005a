package io.feedpipe.streams.health;

import io.feedpipe.schemas.FeedHealth;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides a feed's health from its status events and the passing of time. Pure: no Kafka, no
 * clock of its own; the processor hands in the event or the time ({@link FeedHealthProcessor}).
 *
 * <p>Facts are updated by each {@link FeedStatus}: failed fetches in a row, the last success, the
 * last change of the document, the usual interval between changes, slow fetches in a row, and the
 * recent changes between success and failure. The state is then the first that holds of:
 *
 * <ol>
 *   <li>DEAD: no successful fetch for {@code dead-after} (since the first event when none ever
 *       succeeded), whether fetches fail or stopped coming;
 *   <li>FLAPPING: {@code flapping-changes} or more changes between success and failure within
 *       {@code flapping-window}; ranked above DEGRADED so that a feed alternating between a few
 *       errors and a success does not itself alternate between DEGRADED and OK;
 *   <li>DEGRADED: {@code degraded-after-errors} failed fetches in a row, or (while fetches succeed)
 *       {@code degraded-after-slow} fetches in a row slower than {@code slow-fetch};
 *   <li>STALE: the last fetch succeeded but the document has not changed for {@code stale-factor}
 *       × its usual interval between changes, and at least {@code stale-min-age};
 *   <li>OK.
 * </ol>
 *
 * A changed document is a FETCHED whose size or entry count differs from the last one: a 304 is
 * none, and neither is a server that ignores validators and sends the same document again.
 * feeds.status does not say whether an entry was new, so this is the closest it allows; a feed
 * whose document changes on every fetch (a timestamp of varying length, random content) never
 * turns STALE.
 */
public final class FeedHealthRules {

  /** While status events come, a feed's health is written at least this often, so its facts stay fresh. */
  public static final Duration REFRESH = Duration.ofHours(1);

  /** Weight of the newest gap in the usual interval between changes (a moving average). */
  private static final int USUAL_WEIGHT_OF_NEW = 4;

  private final FeedHealthSettings settings;

  public FeedHealthRules(FeedHealthSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public FeedHealthSettings settings() {
    return settings;
  }

  /** Whether a fetch that ended so counts as a success. */
  public static boolean isSuccess(FetchOutcome outcome) {
    return outcome == FetchOutcome.FETCHED || outcome == FetchOutcome.NOT_MODIFIED;
  }

  /**
   * The feed's health after one more status event, judged at the event's time.
   *
   * @param previous the health so far; null for a feed not seen before
   */
  public FeedHealth onStatus(FeedHealth previous, FeedStatus status) {
    Objects.requireNonNull(status, "status");
    Instant at = status.getTime();
    Draft d = previous == null ? Draft.first(status) : Draft.of(previous);
    boolean success = isSuccess(status.getOutcome());
    if (previous != null && previous.getLastOutcome() != null && (previous.getErrorsInARow() == 0) != success) {
      d.flips.add(at);
    }
    d.feedUrl = status.getFeedUrl();
    if (success) {
      d.errorsInARow = 0;
      d.lastSuccessAt = at;
      d.slowInARow = status.getDurationMs() > settings.slowFetch().toMillis() ? d.slowInARow + 1 : 0;
      if (status.getOutcome() == FetchOutcome.FETCHED) {
        changed(d, status, at);
      }
    } else {
      d.errorsInARow = Math.max(d.errorsInARow + 1, status.getErrorStreak());
      d.lastError = status.getError() != null ? status.getError() : status.getOutcome().name();
    }
    d.lastStatusAt = at;
    d.lastOutcome = status.getOutcome().name();
    d.lastDurationMs = status.getDurationMs();
    pruneFlips(d, at);
    // Judged no earlier than the current state began: an event reaches the Streams app a little
    // after its fetch started, and must not undo what the clock decided meanwhile (STALE, DEAD)
    // unless it brings news (a success, a changed document); else the two would take turns.
    Instant judgedAt = previous != null && previous.getSince().isAfter(at) ? previous.getSince() : at;
    Judgement j = judge(d, judgedAt);
    if (previous == null || previous.getState() != j.state()) {
      d.since = j.since();
    }
    d.state = j.state();
    d.reason = j.reason();
    return d.build();
  }

  /**
   * The feed's health at {@code now} without a new event: only the time limits can change it
   * (DEAD, STALE, the end of FLAPPING). Returns {@code current} itself when its state holds.
   */
  public FeedHealth onClock(FeedHealth current, Instant now) {
    if (current.getLastStatusAt() != null && now.isBefore(current.getLastStatusAt())) {
      return current; // the producer's clock is ahead of ours: wait for it rather than judge the past
    }
    Draft d = Draft.of(current);
    pruneFlips(d, now);
    Judgement j = judge(d, now);
    if (j.state() == current.getState()) {
      return current;
    }
    d.state = j.state();
    d.since = j.since();
    d.reason = j.reason();
    return d.build();
  }

  /**
   * Whether {@code next} should be written to feeds.health: its state, reason or error count
   * changed, or the last write is {@link #REFRESH} old. Every poll's success would otherwise
   * rewrite the topic with nothing new for people.
   */
  public boolean worthPublishing(FeedHealth previous, FeedHealth next, Instant at) {
    return previous == null
        || previous.getState() != next.getState()
        || !Objects.equals(previous.getReason(), next.getReason())
        || previous.getErrorsInARow() != next.getErrorsInARow()
        || !at.isBefore(previous.getUpdatedAt().plus(REFRESH));
  }

  /** Whether a feed has had no status event for {@code forget-after}: it was removed, or its producer is long gone. */
  public boolean forgettable(FeedHealth health, Instant now) {
    Instant last = health.getLastStatusAt() != null ? health.getLastStatusAt() : health.getFirstSeenAt();
    return !now.isBefore(last.plus(settings.forgetAfter()));
  }

  /** The usual interval between changes, or null while unknown. */
  static Duration usualInterval(FeedHealth health) {
    return health.getUsualChangeIntervalMs() == null ? null : Duration.ofMillis(health.getUsualChangeIntervalMs());
  }

  /** How long a feed may go without a change before it is STALE. */
  Duration staleLimit(Long usualMs) {
    if (usualMs == null) {
      return settings.staleMinAge();
    }
    Duration limit = Duration.ofMillis(usualMs).multipliedBy(settings.staleFactor());
    return limit.compareTo(settings.staleMinAge()) < 0 ? settings.staleMinAge() : limit;
  }

  private void changed(Draft d, FeedStatus status, Instant at) {
    boolean first = d.lastChangeAt == null;
    if (!first && status.getBytes() == d.lastBytes && status.getItemCount() == d.lastItemCount) {
      return; // the same document again
    }
    if (!first) {
      long gap = Math.max(0, Duration.between(d.lastChangeAt, at).toMillis());
      d.usualMs = d.usualMs == null ? gap : (d.usualMs * (USUAL_WEIGHT_OF_NEW - 1) + gap) / USUAL_WEIGHT_OF_NEW;
    }
    d.lastChangeAt = at;
    d.lastBytes = status.getBytes();
    d.lastItemCount = status.getItemCount();
  }

  private void pruneFlips(Draft d, Instant at) {
    Instant from = at.minus(settings.flappingWindow());
    d.flips.removeIf(t -> !t.isAfter(from));
    while (d.flips.size() > settings.flappingChanges()) {
      d.flips.remove(0);
    }
  }

  private record Judgement(HealthState state, Instant since, String reason) {}

  private Judgement judge(Draft d, Instant at) {
    Instant lastGood = d.lastSuccessAt != null ? d.lastSuccessAt : d.firstSeenAt;
    Instant deadAt = lastGood.plus(settings.deadAfter());
    if (!at.isBefore(deadAt)) {
      return new Judgement(HealthState.DEAD, deadAt, deadReason(d));
    }
    if (d.flips.size() >= settings.flappingChanges()) {
      return new Judgement(HealthState.FLAPPING, at, d.flips.size() + " changes between success and failure within "
          + text(settings.flappingWindow()) + " (health.flapping-changes " + settings.flappingChanges() + ")"
          + (d.lastError == null ? "" : "; last error: " + d.lastError));
    }
    if (d.errorsInARow >= settings.degradedAfterErrors()) {
      return new Judgement(HealthState.DEGRADED, at, d.errorsInARow + " failed fetches in a row (health.degraded-after-errors "
          + settings.degradedAfterErrors() + "); last error: " + d.lastError);
    }
    if (d.errorsInARow == 0 && d.slowInARow >= settings.degradedAfterSlow()) {
      return new Judgement(HealthState.DEGRADED, at, "the last " + settings.degradedAfterSlow()
          + " or more fetches each took longer than " + text(settings.slowFetch()) + " (health.slow-fetch)");
    }
    if (d.errorsInARow == 0) {
      Instant changedAt = d.lastChangeAt != null ? d.lastChangeAt : d.firstSeenAt;
      Instant staleAt = changedAt.plus(staleLimit(d.usualMs));
      if (!at.isBefore(staleAt)) {
        String since = d.lastChangeAt != null ? "no change since " + time(d.lastChangeAt) : "no change seen since " + time(d.firstSeenAt);
        String limit = d.usualMs == null
            ? "over health.stale-min-age " + text(settings.staleMinAge()) + " (its usual interval is not known yet)"
            : "over " + text(staleLimit(d.usualMs)) + ", " + settings.staleFactor() + " × its usual interval of "
                + text(Duration.ofMillis(d.usualMs)) + " (at least health.stale-min-age)";
        return new Judgement(HealthState.STALE, staleAt, since + ": " + limit);
      }
    }
    return new Judgement(HealthState.OK, at, null);
  }

  private String deadReason(Draft d) {
    String limit = " (health.dead-after " + text(settings.deadAfter()) + ")";
    if (d.lastSuccessAt == null) {
      return "no successful fetch since first seen at " + time(d.firstSeenAt) + limit
          + (d.lastError == null ? "" : "; last error: " + d.lastError);
    }
    if (d.errorsInARow == 0) {
      return "not fetched since " + time(d.lastStatusAt) + limit + ": is a producer polling this feed?";
    }
    return "no successful fetch since " + time(d.lastSuccessAt) + limit + "; last error: " + d.lastError;
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A duration as people write it in the config: 3d, 6h, 10s, 250ms. */
  static String text(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0) {
      return d.toDays() + "d";
    }
    if (ms % 3_600_000 == 0) {
      return d.toHours() + "h";
    }
    if (ms % 60_000 == 0) {
      return d.toMinutes() + "m";
    }
    if (ms % 1000 == 0) {
      return d.toSeconds() + "s";
    }
    return ms + "ms";
  }

  /**
   * A mutable working copy of one feed's health. Built field by field rather than with Avro's
   * copying builder, whose deep copy resolves the enum's class through Avro's class allow-list.
   */
  private static final class Draft {
    String feedId;
    String feedUrl;
    HealthState state;
    Instant since;
    String reason;
    Instant lastStatusAt;
    String lastOutcome;
    Instant lastSuccessAt;
    Instant lastChangeAt;
    Long usualMs;
    int errorsInARow;
    String lastError;
    int slowInARow;
    long lastDurationMs;
    long lastBytes;
    int lastItemCount;
    List<Instant> flips = new ArrayList<>();
    Instant firstSeenAt;
    Instant updatedAt;

    static Draft first(FeedStatus status) {
      Draft d = new Draft();
      d.feedId = status.getFeedId();
      d.feedUrl = status.getFeedUrl();
      d.state = HealthState.OK;
      d.since = status.getTime();
      d.firstSeenAt = status.getTime();
      d.updatedAt = status.getTime();
      return d;
    }

    static Draft of(FeedHealth h) {
      Draft d = new Draft();
      d.feedId = h.getFeedId();
      d.feedUrl = h.getFeedUrl();
      d.state = h.getState();
      d.since = h.getSince();
      d.reason = h.getReason();
      d.lastStatusAt = h.getLastStatusAt();
      d.lastOutcome = h.getLastOutcome();
      d.lastSuccessAt = h.getLastSuccessAt();
      d.lastChangeAt = h.getLastChangeAt();
      d.usualMs = h.getUsualChangeIntervalMs();
      d.errorsInARow = h.getErrorsInARow();
      d.lastError = h.getLastError();
      d.slowInARow = h.getSlowInARow();
      d.lastDurationMs = h.getLastDurationMs();
      d.lastBytes = h.getLastBytes();
      d.lastItemCount = h.getLastItemCount();
      d.flips = new ArrayList<>(h.getRecentFlips());
      d.firstSeenAt = h.getFirstSeenAt();
      d.updatedAt = h.getUpdatedAt();
      return d;
    }

    FeedHealth build() {
      return FeedHealth.newBuilder()
          .setFeedId(feedId)
          .setFeedUrl(feedUrl)
          .setState(state)
          .setSince(since)
          .setReason(reason)
          .setLastStatusAt(lastStatusAt)
          .setLastOutcome(lastOutcome)
          .setLastSuccessAt(lastSuccessAt)
          .setLastChangeAt(lastChangeAt)
          .setUsualChangeIntervalMs(usualMs)
          .setErrorsInARow(errorsInARow)
          .setLastError(lastError)
          .setSlowInARow(slowInARow)
          .setLastDurationMs(lastDurationMs)
          .setLastBytes(lastBytes)
          .setLastItemCount(lastItemCount)
          .setRecentFlips(List.copyOf(flips))
          .setFirstSeenAt(firstSeenAt)
          .setUpdatedAt(updatedAt)
          .build();
    }
  }

  /** {@code health} as written at {@code at}: its updatedAt set. */
  public static FeedHealth writtenAt(FeedHealth health, Instant at) {
    Draft d = Draft.of(health);
    d.updatedAt = at;
    return d.build();
  }
}

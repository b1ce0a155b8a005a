package io.feedpipe.producer.poll;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.fetch.FetchResult;
import io.feedpipe.producer.fetch.Validators;
import io.feedpipe.producer.identity.IdentityDecider;
import io.feedpipe.producer.identity.IdentityStrategy;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedHints;
import io.feedpipe.producer.parse.FeedParseException;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.parse.ParsedEntry;
import io.feedpipe.producer.parse.ParsedFeed;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.producer.schedule.PollScheduler;
import io.feedpipe.producer.schedule.ScheduleSettings;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.FetchedPost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One poll of one feed: fetch → parse → identity → map → schedule. Knows nothing of Kafka; the
 * caller sends what it returns. Every poll yields exactly one {@link FeedStatus} — the outcome, the
 * reason, the error streak and the next poll time — whatever happens, and never throws for what a
 * feed does: one broken feed must not stop the others. Thread-safe.
 */
public final class FeedPoll implements AutoCloseable {
  /** Default limit of entries taken per fetch: far above any sane feed, far below a runaway one. */
  public static final int DEFAULT_MAX_ENTRIES = 1000;

  private final FeedFetcher fetcher;
  private final FeedParser parser;
  private final EntryMapper mapper;
  private final PollScheduler scheduler;
  private final int maxEntries;
  private final Clock clock;
  private final ProducerMetrics metrics;

  public FeedPoll(FeedFetcher fetcher, FeedParser parser, EntryMapper mapper, PollScheduler scheduler, int maxEntries, Clock clock) {
    this(fetcher, parser, mapper, scheduler, maxEntries, clock, ProducerMetrics.none());
  }

  /** @param metrics where every poll is counted and timed */
  public FeedPoll(FeedFetcher fetcher, FeedParser parser, EntryMapper mapper, PollScheduler scheduler, int maxEntries, Clock clock,
      ProducerMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("max-entries-per-fetch must be at least 1, was " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Default scheduling and entry limit. */
  public FeedPoll(FeedFetcher fetcher, FeedParser parser, EntryMapper mapper, Clock clock) {
    this(fetcher, parser, mapper, new PollScheduler(ScheduleSettings.defaults(), () -> ThreadLocalRandom.current().nextDouble()),
        DEFAULT_MAX_ENTRIES, clock);
  }

  /** Response bytes the fetches in flight hold now. */
  public long bytesInFlight() {
    return fetcher.bytesInFlight();
  }

  /**
   * A poll of a feed with no other state than these validators.
   *
   * @param previous validators of the version last stored, for a conditional GET
   * @param nextPollAt written into the status as the next poll time; null when none is planned
   */
  public PollResult poll(FeedSource feed, Validators previous, Instant nextPollAt) {
    PollResult result = poll(feed, FeedPollState.initial(feed.url().toString()).withValidators(previous), nextPollAt != null);
    if (nextPollAt != null) {
      result.status().setNextPollAt(nextPollAt); // not FeedStatus.newBuilder(status): Avro's deep copy trips its class allow-list
      return new PollResult(result.posts(), result.status(), result.nextState().withNextPollAt(nextPollAt));
    }
    return result;
  }

  /**
   * @param state what is remembered of the feed (validators, error streak, identity…)
   * @param planned whether the status names the next poll time (false for a one-off round)
   */
  public PollResult poll(FeedSource feed, FeedPollState state, boolean planned) {
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(state, "state");
    String fetchId = UUID.randomUUID().toString();
    // Millisecond precision: what the Avro timestamps keep, so time and nextPollAt compare exactly.
    Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    long startNanos = System.nanoTime();
    FeedStatus.Builder status =
        FeedStatus.newBuilder()
            .setFeedId(feed.id())
            .setFeedUrl(feed.url().toString())
            .setFetchId(fetchId)
            .setTime(startedAt)
            .setNextPollAt(null);
    Outcome outcome;
    metrics.pollStarted();
    try {
      outcome = fetchParseMap(feed, state, startedAt, fetchId, status);
    } catch (RuntimeException e) {
      // A bug or a surprise in a library; recorded like any failure so the round goes on.
      status.setOutcome(FetchOutcome.UNKNOWN).setItemCount(0).setError("feed " + feed.id() + ": unexpected error: " + e);
      outcome = failed(state, FetchOutcome.UNKNOWN, status.getError(), null, startedAt);
    }
    status.setDurationMs(elapsedMs(startNanos))
        .setErrorStreak(outcome.state().errorStreak())
        .setNextPollAt(planned ? outcome.state().nextPollAt() : null);
    FeedStatus built = status.build();
    metrics.pollEnded(built, !state.validators().isEmpty(), outcome.posts().size());
    return new PollResult(outcome.posts(), built, outcome.state());
  }

  private record Outcome(List<FetchedPost> posts, FeedPollState state) {}

  private Outcome fetchParseMap(FeedSource feed, FeedPollState state, Instant startedAt, String fetchId, FeedStatus.Builder status) {
    long fetchStart = System.nanoTime();
    FetchResult fetched = fetcher.fetch(feed.url(), state.validators());
    metrics.fetchTook(Duration.ofNanos(System.nanoTime() - fetchStart));
    if (fetched instanceof FetchResult.NotModified notModified) {
      status.setOutcome(FetchOutcome.NOT_MODIFIED).setHttpStatus(notModified.httpStatus());
      // A 304 confirms the version last parsed, so that version's ttl, sy:update* and skip* still hold.
      Instant next = scheduler.afterSuccess(startedAt, feed.interval(), state.postingInterval(), state.hints(), notModified.freshFor());
      return new Outcome(List.of(), succeeded(state, state.validators(), FetchOutcome.NOT_MODIFIED, startedAt, next,
          state.postingInterval(), state.identity(), state.identityReason(), state.hints()));
    }
    if (fetched instanceof FetchResult.Failed failed) {
      String error = "feed " + feed.id() + ": " + failed.reason();
      status.setOutcome(failed.outcome()).setHttpStatus(failed.httpStatus()).setError(error);
      return failed(state, failed.outcome(), error, failed.retryAt(), startedAt);
    }
    FetchResult.Fetched ok = (FetchResult.Fetched) fetched;
    status.setHttpStatus(ok.httpStatus()).setBytes(ok.body().length);
    metrics.fetchedBytes(ok.body().length);
    List<String> notes = new ArrayList<>();
    if (ok.movedPermanentlyTo() != null) {
      notes.add("moved permanently to " + ok.movedPermanentlyTo() + "; update the feed's URL");
    }
    ParsedFeed parsed;
    try {
      parsed = parser.parse(feed.id() + " (" + feed.url() + ")", ok.body(), ok.contentType());
    } catch (FeedParseException e) {
      FetchOutcome kind = e.refused() ? FetchOutcome.REFUSED_BY_POLICY : FetchOutcome.UNPARSABLE;
      status.setOutcome(kind).setError(e.getMessage()).setNotes(notes);
      return failed(state, kind, e.getMessage(), null, startedAt);
    }
    notes.addAll(parsed.repairs());
    IdentityDecider.Decision identity = IdentityDecider.decide(parsed.entries(), state.identity(), state.identityReason());
    if (identity.changed()) {
      notes.add("post ids now derived by " + identity.describe());
    }
    if (parsed.entries().size() > maxEntries) {
      notes.add("only the first " + maxEntries + " of " + parsed.entries().size() + " entries taken (max-entries-per-fetch)");
    }
    List<FetchedPost> posts = mapper.map(feed, parsed, maxEntries, identity.strategy(), startedAt, fetchId);
    List<Instant> dates = new ArrayList<>();
    for (ParsedEntry entry : parsed.entries()) {
      dates.add(entry.published() != null ? entry.published() : entry.updated());
    }
    Duration observed = PollScheduler.postingInterval(dates, startedAt);
    Duration postingInterval = observed != null ? observed : state.postingInterval();
    Instant next = scheduler.afterSuccess(startedAt, feed.interval(), postingInterval, parsed.hints(), ok.freshFor());
    status.setOutcome(FetchOutcome.FETCHED).setItemCount(posts.size()).setIdentity(identity.describe()).setNotes(notes);
    return new Outcome(posts, succeeded(state, ok.validators(), FetchOutcome.FETCHED, startedAt, next, postingInterval,
        identity.strategy(), identity.reason(), parsed.hints()));
  }

  private static FeedPollState succeeded(FeedPollState state, Validators validators, FetchOutcome outcome, Instant at, Instant next,
      Duration postingInterval, IdentityStrategy identity, String identityReason, FeedHints hints) {
    return new FeedPollState(state.feedUrl(), validators, 0, outcome, null, at, at, next, postingInterval, identity, identityReason,
        hints);
  }

  private Outcome failed(FeedPollState state, FetchOutcome outcome, String error, Instant retryAt, Instant at) {
    int streak = state.errorStreak() + 1;
    Instant next = scheduler.afterFailure(at, streak, retryAt);
    return new Outcome(List.of(), new FeedPollState(state.feedUrl(), state.validators(), streak, outcome, error, at, state.lastSuccessAt(),
        next, state.postingInterval(), state.identity(), state.identityReason(), state.hints()));
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Closes the fetcher (its HTTP client's threads); no poll may follow. */
  @Override
  public void close() {
    fetcher.close();
  }
}

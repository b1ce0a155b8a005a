package io.feedpipe.producer.poll;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.fetch.FetchResult;
import io.feedpipe.producer.fetch.Validators;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedParseException;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.parse.ParsedFeed;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.FetchedPost;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One poll of one feed: fetch → parse → map. Knows nothing of Kafka; the caller sends what it
 * returns. Every poll yields exactly one {@link FeedStatus}, whatever happens, and never throws for
 * what a feed does: one broken feed must not stop the others. Thread-safe.
 */
public final class FeedPoll {
  private final FeedFetcher fetcher;
  private final FeedParser parser;
  private final EntryMapper mapper;
  private final Clock clock;

  public FeedPoll(FeedFetcher fetcher, FeedParser parser, EntryMapper mapper, Clock clock) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param previous validators of the version last stored, for a conditional GET; {@link
   *     Validators#none()} to fetch in full
   * @param nextPollAt when the caller will poll this feed again, written into the status; null when
   *     it will not
   */
  public PollResult poll(FeedSource feed, Validators previous, Instant nextPollAt) {
    Objects.requireNonNull(feed, "feed");
    String fetchId = UUID.randomUUID().toString();
    Instant startedAt = clock.instant();
    long startNanos = System.nanoTime();
    FeedStatus.Builder status =
        FeedStatus.newBuilder()
            .setFeedId(feed.id())
            .setFeedUrl(feed.url().toString())
            .setFetchId(fetchId)
            .setTime(startedAt)
            .setNextPollAt(nextPollAt);
    Harvest harvest;
    try {
      harvest = fetchParseMap(feed, previous, startedAt, fetchId, status);
    } catch (RuntimeException e) {
      // A bug or a surprise in a library; recorded like any failure so the round goes on.
      status.setOutcome(FetchOutcome.UNKNOWN).setItemCount(0).setError("feed " + feed.id() + ": unexpected error: " + e);
      harvest = Harvest.NOTHING;
    }
    status.setDurationMs(elapsedMs(startNanos));
    return new PollResult(harvest.posts(), status.build(), harvest.validators());
  }

  /** The posts and validators of a poll, before its status is complete. */
  private record Harvest(List<FetchedPost> posts, Optional<Validators> validators) {
    static final Harvest NOTHING = new Harvest(List.of(), Optional.empty());
  }

  private Harvest fetchParseMap(FeedSource feed, Validators previous, Instant startedAt, String fetchId, FeedStatus.Builder status) {
    FetchResult fetched = fetcher.fetch(feed.url(), previous);
    if (fetched instanceof FetchResult.NotModified notModified) {
      status.setOutcome(FetchOutcome.NOT_MODIFIED).setHttpStatus(notModified.httpStatus());
      return Harvest.NOTHING;
    }
    if (fetched instanceof FetchResult.Failed failed) {
      status.setOutcome(failed.outcome()).setHttpStatus(failed.httpStatus()).setError("feed " + feed.id() + ": " + failed.reason());
      return Harvest.NOTHING;
    }
    FetchResult.Fetched ok = (FetchResult.Fetched) fetched;
    status.setHttpStatus(ok.httpStatus()).setBytes(ok.body().length);
    ParsedFeed parsed;
    try {
      parsed = parser.parse(feed.id() + " (" + feed.url() + ")", ok.body(), ok.contentType());
    } catch (FeedParseException e) {
      status.setOutcome(FetchOutcome.UNPARSABLE).setError(e.getMessage());
      return Harvest.NOTHING;
    }
    List<FetchedPost> posts = mapper.map(feed, parsed, startedAt, fetchId);
    status.setOutcome(FetchOutcome.FETCHED).setItemCount(posts.size());
    return new Harvest(posts, Optional.of(ok.validators()));
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}

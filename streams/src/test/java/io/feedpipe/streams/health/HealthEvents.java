package io.feedpipe.streams.health;

import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Status events of one test feed, as the producer writes them. */
final class HealthEvents {
  static final String FEED = "blog";
  static final String URL = "https://example.org/feed.xml";

  private HealthEvents() {}

  /** A 200 with a document of {@code bytes} bytes and {@code items} entries. */
  static FeedStatus fetched(Instant at, long bytes, int items) {
    return status(at, FetchOutcome.FETCHED, 200, bytes, items, 100, null, 0);
  }

  static FeedStatus slowFetch(Instant at, long durationMs) {
    return status(at, FetchOutcome.FETCHED, 200, 1000, 5, durationMs, null, 0);
  }

  static FeedStatus notModified(Instant at) {
    return status(at, FetchOutcome.NOT_MODIFIED, 304, 0, 0, 50, null, 0);
  }

  static FeedStatus serverError(Instant at, int streak) {
    return status(at, FetchOutcome.SERVER_ERROR, 500, 4, 0, 50, "feed " + FEED + ": HTTP 500", streak);
  }

  static FeedStatus status(Instant at, FetchOutcome outcome, Integer http, long bytes, int items, long durationMs, String error,
      int streak) {
    return FeedStatus.newBuilder()
        .setFeedId(FEED)
        .setFeedUrl(URL)
        .setFetchId(UUID.randomUUID().toString())
        .setTime(at)
        .setOutcome(outcome)
        .setHttpStatus(http)
        .setItemCount(items)
        .setBytes(bytes)
        .setDurationMs(durationMs)
        .setError(error)
        .setNextPollAt(null)
        .setErrorStreak(streak)
        .setIdentity(null)
        .setNotes(List.of())
        .build();
  }
}

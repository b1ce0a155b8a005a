package io.feedpipe.bench.memory;

import java.time.Duration;
import java.time.Instant;

/**
 * The simulated time of a {@code bench-memory} run: {@code posts} posts fetched at an even pace
 * over {@code span}, from {@code start}. Post {@code i} is fetched at {@code start + i·span/posts};
 * that is its record timestamp and its {@code fetchedAt}, which the dedupe store keeps as the post's
 * last-seen time and expires it by.
 *
 * <p>A deployment that ingests {@code posts/span} new posts and processes them as they come has,
 * after processing {@code n} of them, a wall clock of about {@code start + n·span/posts}: {@link
 * #timeAfter} is the clock the run's Kafka Streams sees (see {@link SimulatedClock}).
 *
 * @param start the first post's fetch time
 * @param span the time over which the posts were fetched
 * @param posts how many posts
 */
public record Timeline(Instant start, Duration span, long posts) {

  /** Longest span: timestamps must stay within the topics' retention (30 days by default). */
  public static final Duration MAX_SPAN = Duration.ofDays(7);

  public Timeline {
    if (posts < 1 || posts > 100_000_000) {
      throw new IllegalArgumentException("posts must be between 1 and 100,000,000, was " + posts);
    }
    if (span.toMillis() < 1 || span.compareTo(MAX_SPAN) > 0) {
      throw new IllegalArgumentException("span must be positive and at most " + MAX_SPAN.toDays() + " days, was " + span);
    }
  }

  /** A timeline that ends at {@code end}: its timestamps are all in the past. */
  public static Timeline endingAt(Instant end, Duration span, long posts) {
    return new Timeline(end.minus(span), span, posts);
  }

  public Instant fetchedAt(long i) {
    return Instant.ofEpochMilli(start.toEpochMilli() + offsetMillis(i));
  }

  /** The simulated wall clock once {@code processed} posts are processed (clamped to the span). */
  public long timeAfter(long processed) {
    return start.toEpochMilli() + offsetMillis(Math.max(0, Math.min(processed, posts)));
  }

  public Instant end() {
    return start.plus(span);
  }

  /** How many posts were fetched at or after {@code t}. */
  public long postsFetchedSince(Instant t) {
    // The first i with fetchedAt(i) >= t; fetchedAt is non-decreasing in i.
    long lo = 0;
    long hi = posts;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (fetchedAt(mid).isBefore(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return posts - lo;
  }

  /** New post ids per hour of simulated time. */
  public double postsPerHour() {
    return posts * 3_600_000.0 / span.toMillis();
  }

  private long offsetMillis(long i) {
    // i < 1e8 and span <= 7 days (6.05e8 ms): the product fits in a long.
    return i * span.toMillis() / posts;
  }
}

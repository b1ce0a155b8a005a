package io.feedpipe.bench.pipeline;

import java.time.Duration;

/**
 * When each post of a paced run is published and which feed carries it. Posts 0, 1, 2, … are
 * published one every 1/rate seconds from the start, for {@code duration}; post {@code i} goes to
 * feed {@code i mod feeds}, so every feed publishes at rate/feeds. Each feed is polled every
 * {@code pollInterval} from its own phase (feed {@code f} is first due at {@code f·pollInterval/feeds}),
 * so the fetches are spread evenly over the interval instead of coming in one burst, and a poll
 * finds about {@code rate·pollInterval/feeds} new posts. Pure.
 *
 * @param rate posts published per second
 * @param duration how long posts are published
 * @param pollInterval how often each feed is polled
 * @param feeds how many feeds carry the posts
 */
public record PacingSchedule(double rate, Duration duration, Duration pollInterval, int feeds) {
  private static final double NANOS = 1e9;

  public PacingSchedule {
    if (!(rate > 0) || rate > 1_000_000) {
      throw new IllegalArgumentException("rate must be above 0 and at most 1,000,000 posts/s, was " + rate);
    }
    if (duration.isNegative() || duration.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("duration (" + duration + ") and poll interval (" + pollInterval + ") must be positive");
    }
    if (feeds < 1) {
      throw new IllegalArgumentException("feeds must be at least 1, was " + feeds);
    }
  }

  /** As many feeds as it takes for a poll to find about {@code postsPerPoll} new posts. */
  public static PacingSchedule of(double rate, Duration duration, Duration pollInterval, int postsPerPoll) {
    if (postsPerPoll < 1) {
      throw new IllegalArgumentException("posts per poll must be at least 1, was " + postsPerPoll);
    }
    int feeds = (int) Math.max(1, Math.ceil(rate * pollInterval.toNanos() / NANOS / postsPerPoll));
    return new PacingSchedule(rate, duration, pollInterval, feeds);
  }

  /** Posts published in all. */
  public int posts() {
    return (int) Math.max(1, Math.round(rate * duration.toNanos() / NANOS));
  }

  /** When post {@code post} is published, in nanoseconds from the start. */
  public long publishedAtNanos(int post) {
    return (long) Math.ceil(post * NANOS / rate);
  }

  /** Posts published by {@code elapsedNanos} from the start (those with publishedAt ≤ elapsed). */
  public int publishedBy(long elapsedNanos) {
    if (elapsedNanos < 0) {
      return 0;
    }
    long n = (long) Math.floor(elapsedNanos * rate / NANOS) + 1;
    // Floating point may put a post a nanosecond off its boundary; the exact times decide.
    while (n > 0 && n <= posts() && publishedAtNanos((int) n - 1) > elapsedNanos) {
      n--;
    }
    while (n < posts() && publishedAtNanos((int) n) <= elapsedNanos) {
      n++;
    }
    return (int) Math.min(n, posts());
  }

  public int feedOf(int post) {
    return post % feeds;
  }

  /** The {@code nth} post of feed {@code feed}. */
  public int post(int feed, int nth) {
    return feed + nth * feeds;
  }

  /** How many of feed {@code feed}'s posts are published by {@code elapsedNanos}. */
  public int publishedBy(int feed, long elapsedNanos) {
    int all = publishedBy(elapsedNanos);
    return all <= feed ? 0 : (all - feed - 1) / feeds + 1;
  }

  /** When feed {@code feed} is first due, in nanoseconds from the start: the feeds' phases spread over one interval. */
  public long firstPollNanos(int feed) {
    return pollInterval.toNanos() * feed / feeds;
  }
}

package io.feedpipe.bench.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What a read_committed reader of posts.clean saw of one paced step: each post at most once, and
 * per post two latencies — from the fetch the producer stamped on it ({@code CleanPost.lastSeenAt})
 * and from its publication (the schedule's exact time; the feed's RFC 822 pubDate has whole
 * seconds only) — to the moment the reader received it. Written by the reader thread. Pure.
 */
public final class PacedLedger {
  private static final String GUID_PREFIX = "bench-post-";

  private final String feedIdPrefix;
  private final int firstPostIndex;
  private final PacingSchedule schedule;
  private final long startEpochMillis;
  private final AtomicIntegerArray counts;
  private final AtomicInteger distinct = new AtomicInteger();
  private final AtomicInteger duplicated = new AtomicInteger();
  private final LatencyRecorder fromFetch = new LatencyRecorder();
  private final LatencyRecorder fromPublished = new LatencyRecorder();

  /**
   * @param feedIdPrefix the step's feed ids start with it; post ids are {@code <feedId>:bench-post-<index>}
   * @param firstPostIndex the index of the step's post 0 among the generated posts
   * @param startEpochMillis wall-clock time of the schedule's start
   */
  public PacedLedger(String feedIdPrefix, int firstPostIndex, PacingSchedule schedule, long startEpochMillis) {
    this.feedIdPrefix = feedIdPrefix;
    this.firstPostIndex = firstPostIndex;
    this.schedule = schedule;
    this.startEpochMillis = startEpochMillis;
    this.counts = new AtomicIntegerArray(schedule.posts());
  }

  /**
   * Records one record of posts.clean.
   *
   * @return false when the key is not the id of one of this step's posts
   */
  public boolean record(String key, long fetchedAtMillis, long receivedAtMillis) {
    int post = postOf(key);
    if (post < 0) {
      return false;
    }
    if (counts.incrementAndGet(post) > 1) {
      duplicated.incrementAndGet();
      return true;
    }
    distinct.incrementAndGet();
    fromFetch.record(receivedAtMillis - fetchedAtMillis);
    fromPublished.record(Math.round(receivedAtMillis - startEpochMillis - schedule.publishedAtNanos(post) / 1e6));
    return true;
  }

  /** The step's post number of a key, or -1. */
  int postOf(String key) {
    if (key == null || !key.startsWith(feedIdPrefix)) {
      return -1;
    }
    int guid = key.lastIndexOf(":" + GUID_PREFIX);
    if (guid < 0) {
      return -1;
    }
    try {
      int post = Integer.parseInt(key.substring(guid + 1 + GUID_PREFIX.length())) - firstPostIndex;
      return post >= 0 && post < schedule.posts() ? post : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public int distinct() {
    return distinct.get();
  }

  public PacedResult result() {
    return new PacedResult(schedule.rate(), schedule.feeds(), schedule.pollInterval(), schedule.duration(), schedule.posts(),
        distinct.get(), duplicated.get(), fromFetch.summary(), fromPublished.summary(), 0);
  }
}

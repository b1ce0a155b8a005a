package io.feedpipe.bench.pipeline;

import com.sun.net.httpserver.HttpExchange;
import io.feedpipe.bench.support.LocalFeedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Serves the feeds of a paced step on 127.0.0.1: {@code /feed/F} holds the posts of feed F
 * published (by the {@link PacingSchedule}, from {@link #start}) since F was last served, each
 * dated its publication time. Every post is thus fetched exactly once, as a conditional request
 * would see a feed's new items, and posts enter the pipeline at the schedule's rate; old items are
 * left out so that the rate is the rate of new posts. Its threads are named {@code bench-feeds-*},
 * so their CPU time is not counted as the producer's.
 */
final class PacedFeedServer implements AutoCloseable {
  private final LocalFeedServer server;
  private final PacingSchedule schedule;
  private final BenchPosts posts;
  private final int firstPostIndex;
  private final String feedIdPrefix;
  private final AtomicIntegerArray served;
  private volatile long startNanos;
  private volatile Instant start;

  /**
   * @param firstPostIndex the generated post that is the step's post 0
   * @param feedIdPrefix for the feeds' titles and links
   */
  PacedFeedServer(PacingSchedule schedule, BenchPosts posts, int firstPostIndex, String feedIdPrefix, int threadCount)
      throws IOException {
    this.schedule = schedule;
    this.posts = posts;
    this.firstPostIndex = firstPostIndex;
    this.feedIdPrefix = feedIdPrefix;
    this.served = new AtomicIntegerArray(schedule.feeds());
    this.server = new LocalFeedServer(schedule.feeds(), threadCount, PostFeedServer.THREAD_PREFIX, this::respond);
  }

  /** Starts the schedule's clock: post 0 is published now. */
  void start(long nowNanos, Instant now) {
    this.start = now;
    this.startNanos = nowNanos;
  }

  String url(int feed) {
    return server.url(feed);
  }

  private void respond(int feed, HttpExchange exchange) throws IOException {
    List<BenchPost> items = new ArrayList<>();
    Instant started = start;
    if (started != null) {
      int to = schedule.publishedBy(feed, System.nanoTime() - startNanos);
      int from = served.getAndAccumulate(feed, to, Math::max);
      for (int nth = from; nth < to; nth++) {
        int post = schedule.post(feed, nth);
        BenchPost base = posts.post(firstPostIndex + post);
        items.add(new BenchPost(base.index(), base.guid(), base.title(), base.link(), started.plusNanos(schedule.publishedAtNanos(post)),
            base.html()));
      }
    }
    String id = feedIdPrefix + feed;
    byte[] body = FeedXml.rss("Paced bench feed " + id, "https://bench.example.org/" + id + "/", items).getBytes(StandardCharsets.UTF_8);
    LocalFeedServer.sendRss(exchange, body);
  }

  @Override
  public void close() {
    server.close();
  }
}

package io.feedpipe.bench.pipeline;

import com.sun.net.httpserver.HttpExchange;
import io.feedpipe.bench.support.LocalFeedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves the generated posts as RSS feeds on 127.0.0.1: {@code /feed/F} holds the posts {@link
 * BenchFeeds} gives feed F. Documents are built per request from {@link BenchPosts} (nothing is held
 * per feed); its threads are named {@code bench-feeds-*}, so their CPU time is not counted as the
 * producer's.
 */
final class PostFeedServer implements AutoCloseable {
  static final String THREAD_PREFIX = "bench-feeds-";

  private final LocalFeedServer server;
  private final BenchFeeds feeds;
  private final BenchPosts posts;
  private final AtomicLong served = new AtomicLong();

  PostFeedServer(BenchFeeds feeds, BenchPosts posts, int threadCount) throws IOException {
    this.feeds = feeds;
    this.posts = posts;
    this.server = new LocalFeedServer(feeds.feedCount(), threadCount, THREAD_PREFIX, this::respond);
  }

  String url(int feed) {
    return server.url(feed);
  }

  /** Feed documents answered with 200 so far. */
  long served() {
    return served.get();
  }

  private void respond(int feed, HttpExchange exchange) throws IOException {
    List<BenchPost> items = new ArrayList<>(feeds.postsPerFeed());
    for (int post = feeds.firstPost(feed); post < feeds.endPost(feed); post++) {
      items.add(posts.post(post));
    }
    byte[] body = FeedXml.rss("Bench feed " + feeds.feedId(feed), "https://bench.example.org/" + feeds.feedId(feed) + "/", items)
        .getBytes(StandardCharsets.UTF_8);
    LocalFeedServer.sendRss(exchange, body);
    served.incrementAndGet();
  }

  @Override
  public void close() {
    server.close();
  }
}

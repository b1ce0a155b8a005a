package io.feedpipe.app.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves the generated posts as RSS feeds on 127.0.0.1: {@code /feed/F} holds the posts {@link
 * BenchFeeds} gives feed F. Documents are built per request from {@link BenchPosts} (nothing is held
 * per feed); its threads are named {@code bench-feeds-*}, so their CPU time is not counted as the
 * producer's.
 */
final class PostFeedServer implements AutoCloseable {
  static final String THREAD_PREFIX = "bench-feeds-";

  private final HttpServer server;
  private final ExecutorService threads;
  private final BenchFeeds feeds;
  private final BenchPosts posts;
  private final AtomicLong served = new AtomicLong();

  PostFeedServer(BenchFeeds feeds, BenchPosts posts, int threadCount) throws IOException {
    this.feeds = feeds;
    this.posts = posts;
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(threadCount, task -> {
      Thread t = new Thread(task, THREAD_PREFIX + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(threads);
    server.createContext("/feed/", this::serve);
    server.start();
  }

  String url(int feed) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed/" + feed;
  }

  /** Feed documents answered with 200 so far. */
  long served() {
    return served.get();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      int feed;
      try {
        feed = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
      } catch (NumberFormatException e) {
        feed = -1;
      }
      if (feed < 0 || feed >= feeds.feedCount()) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      List<BenchPost> items = new ArrayList<>(feeds.postsPerFeed());
      for (int post = feeds.firstPost(feed); post < feeds.endPost(feed); post++) {
        items.add(posts.post(post));
      }
      byte[] body = FeedXml.rss("Bench feed " + feeds.feedId(feed), "https://bench.example.org/" + feeds.feedId(feed) + "/", items)
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      served.incrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}

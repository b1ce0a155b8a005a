package io.feedpipe.bench.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds {@code /feed/0} … {@code /feed/N-1} served on 127.0.0.1 (a free port) for the benchmark
 * commands: the HTTP plumbing, with what each feed answers left to a {@link Responder}. Its threads
 * are named {@code <threadPrefix>N}, so that CPU accounting can tell them from the producer's.
 */
public final class LocalFeedServer implements AutoCloseable {

  /** Answers a request for feed {@code feed} (in range): sets headers and sends the response. */
  @FunctionalInterface
  public interface Responder {
    void respond(int feed, HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final int feeds;
  private final Responder responder;

  public LocalFeedServer(int feeds, int threadCount, String threadPrefix, Responder responder) throws IOException {
    this.feeds = feeds;
    this.responder = responder;
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(threadCount, task -> {
      Thread t = new Thread(task, threadPrefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(threads);
    server.createContext("/feed/", this::serve);
    server.start();
  }

  public String url(int feed) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed/" + feed;
  }

  /** Sends {@code body} with status 200 and an RSS content type. */
  public static void sendRss(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
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
      if (feed < 0 || feed >= feeds) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      responder.respond(feed, exchange);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}

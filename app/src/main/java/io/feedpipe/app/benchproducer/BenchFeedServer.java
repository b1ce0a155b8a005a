package io.feedpipe.app.benchproducer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N RSS 2.0 feeds on 127.0.0.1 for the producer benchmark: {@code /feed/I} has K items of about
 * {@code postBytes} of HTML each and ETag {@code "I"}. The first {@code notModified} feeds answer a
 * matching {@code If-None-Match} with 304; the others always answer 200 (they "changed"). Bodies are
 * built per request (no memory held per feed). Its threads are named {@code bench-http-N} (and the JDK's {@code
 * HTTP-Dispatcher}): {@link CpuAccount} counts them apart.
 */
public final class BenchFeedServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;
  private final int feeds;
  private final int notModified;
  private final int postsPerFeed;
  private final String paragraph;
  private final String[] dates;

  public BenchFeedServer(int feeds, int notModified, int postsPerFeed, int postBytes, int threadCount) throws IOException {
    this.feeds = feeds;
    this.notModified = notModified;
    this.postsPerFeed = postsPerFeed;
    String sentence = "&lt;p&gt;Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore "
        + "et &lt;a href=\"https://example.org/x\"&gt;dolore magna&lt;/a&gt; aliqua.&lt;/p&gt; ";
    StringBuilder p = new StringBuilder();
    while (p.length() < postBytes) {
      p.append(sentence);
    }
    this.paragraph = p.toString();
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    this.dates = new String[postsPerFeed];
    for (int i = 0; i < postsPerFeed; i++) {
      dates[i] = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusHours(6L * i));
    }
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(threadCount, task -> {
      Thread t = new Thread(task, "bench-http-" + n.incrementAndGet());
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
      String etag = "\"" + feed + "\"";
      exchange.getResponseHeaders().set("ETag", etag);
      if (feed < notModified && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      byte[] body = body(feed);
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private byte[] body(int feed) {
    StringBuilder xml = new StringBuilder(postsPerFeed * (paragraph.length() + 400) + 300);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Bench feed ").append(feed)
        .append("</title><link>https://bench.example.org/").append(feed).append("/</link><description>benchmark</description>\n");
    for (int i = 0; i < postsPerFeed; i++) {
      xml.append("<item><title>Post ").append(i).append(" of feed ").append(feed).append("</title><link>https://bench.example.org/")
          .append(feed).append('/').append(i).append("</link><guid isPermaLink=\"false\">bench-").append(feed).append('-').append(i)
          .append("</guid><pubDate>").append(dates[i]).append("</pubDate><author>author@example.org (A. Author)</author>")
          .append("<category>bench</category><description>").append(paragraph).append("</description></item>\n");
    }
    xml.append("</channel></rss>\n");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}

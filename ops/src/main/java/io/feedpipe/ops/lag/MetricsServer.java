package io.feedpipe.ops.lag;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Serves {@code GET /metrics} in the Prometheus text exposition format (version 0.0.4) from the
 * JDK's HTTP server. Only {@code /metrics} and {@code /} answer; the data is read-only.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;
  private final PrometheusRegistry registry;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  private MetricsServer(HttpServer server, PrometheusRegistry registry) {
    this.server = server;
    this.registry = registry;
  }

  /** Starts serving on {@code address} (port 0: any free port; see {@link #port()}). */
  public static MetricsServer start(InetSocketAddress address, PrometheusRegistry registry) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    MetricsServer metrics = new MetricsServer(server, registry);
    server.createContext("/", metrics::handle);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "feedpipe-metrics");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return metrics;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain; charset=utf-8", "only GET\n".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/metrics")) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writer.write(body, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        send(exchange, 200, PrometheusTextFormatWriter.CONTENT_TYPE, body.toByteArray());
      } else if (path.equals("/")) {
        send(exchange, 200, "text/plain; charset=utf-8", "feedpipe lag: metrics at /metrics\n".getBytes(StandardCharsets.UTF_8));
      } else {
        send(exchange, 404, "text/plain; charset=utf-8", "not found; try /metrics\n".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package io.feedpipe.ops.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A process' operations endpoint on the JDK's HTTP server:
 *
 * <ul>
 *   <li>{@code GET /metrics} — the registry in the Prometheus text format 0.0.4, or OpenMetrics 1.0
 *       when the scraper's {@code Accept} asks for {@code application/openmetrics-text}
 *   <li>{@code GET /health/live}, {@code GET /health/ready} — 200 or 503 with a JSON body naming
 *       every check and its detail: {@code {"status":"UP","checks":{"broker":{"status":"UP","detail":"…"}}}}
 * </ul>
 *
 * Read-only; anything else is 404 (or 405 for a method other than GET and HEAD).
 */
public final class MetricsServer implements AutoCloseable {
  static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry registry;
  private final Health health;

  private MetricsServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry, Health health) {
    this.server = server;
    this.executor = executor;
    this.registry = registry;
    this.health = health;
  }

  /** Starts serving on {@code address} (port 0: any free port; see {@link #port()}). */
  public static MetricsServer start(InetSocketAddress address, PrometheusMeterRegistry registry, Health health) throws IOException {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(health, "health");
    HttpServer server = HttpServer.create(address, 0);
    AtomicInteger n = new AtomicInteger();
    // Two threads: a slow health check (the broker gone) must not hold up a scrape.
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "feedpipe-metrics-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    MetricsServer metrics = new MetricsServer(server, executor, registry, health);
    server.createContext("/", metrics::handle);
    server.setExecutor(executor);
    server.start();
    return metrics;
  }

  /** Starts serving the process' registry and health. */
  public static MetricsServer start(InetSocketAddress address, ProcessMetrics metrics, Health health) throws IOException {
    return start(address, metrics.prometheusMeterRegistry(), health);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain; charset=utf-8", "only GET\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      switch (path) {
        case "/metrics" -> {
          String contentType = contentType(exchange.getRequestHeaders().getFirst("Accept"));
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          registry.scrape(body, contentType);
          send(exchange, 200, contentType, body.toByteArray());
        }
        case "/health/live" -> sendHealth(exchange, health.live());
        case "/health/ready" -> sendHealth(exchange, health.ready());
        case "/", "/health" -> send(exchange, 200, "text/plain; charset=utf-8",
            "feedpipe: metrics at /metrics, health at /health/live and /health/ready\n".getBytes(StandardCharsets.UTF_8));
        default -> send(exchange, 404, "text/plain; charset=utf-8",
            "not found; try /metrics, /health/live or /health/ready\n".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** OpenMetrics only when asked for; the 0.0.4 text format otherwise (what every Prometheus reads). */
  static String contentType(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text") ? OPENMETRICS : TEXT_004;
  }

  private static void sendHealth(HttpExchange exchange, Health.Report report) throws IOException {
    send(exchange, report.up() ? 200 : 503, "application/json", json(report));
  }

  static byte[] json(Health.Report report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("status", report.up() ? "UP" : "DOWN");
    ObjectNode checks = root.putObject("checks");
    for (Map.Entry<String, HealthCheck.Result> e : report.checks().entrySet()) {
      checks.putObject(e.getKey()).put("status", e.getValue().up() ? "UP" : "DOWN").put("detail", e.getValue().detail());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the health report as JSON", e);
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
    executor.shutdownNow();
  }
}

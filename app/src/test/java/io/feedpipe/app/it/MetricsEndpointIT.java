package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.feedpipe.app.FeedpipeCommand;
import io.feedpipe.broker.BrokerConfig;
import io.feedpipe.broker.EmbeddedKafkaBroker;
import io.feedpipe.producer.ProducerThreads;
import io.feedpipe.testsupport.PrometheusText;
import io.feedpipe.testsupport.PrometheusText.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code feedpipe run --metrics} as an operator runs it, on a real broker: the LessWrong fixture
 * served over HTTP as three successive versions of one feed (poll-1, poll-2, poll-3, then 304 Not
 * Modified), polled every second or two. Every scrape is parsed strictly. The fixture's README gives
 * the numbers: 52 entries fetched in 3 fetches (16, 16, 20), of them 20 new posts, 2 edits and 30
 * repeats.
 *
 * <p>The broker is this test's own, so it can be stopped under the running process.
 */
class MetricsEndpointIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;
  HttpServer feedServer;
  final AtomicInteger fullFetches = new AtomicInteger();
  EmbeddedKafkaBroker broker;
  int kafkaPort;
  int metricsPort;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  CompletableFuture<Integer> run;

  @BeforeEach
  void start() throws IOException {
    feedServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    feedServer.createContext("/feed.xml", exchange -> {
      // poll-1, then poll-2, then poll-3 for good; once the producer holds poll-3's ETag, 304.
      String etag = "\"poll-" + Math.min(3, fullFetches.get() + 1) + "\"";
      if ("\"poll-3\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.getResponseHeaders().set("ETag", "\"poll-3\"");
        exchange.sendResponseHeaders(304, -1);
        exchange.close();
        return;
      }
      byte[] body = fixture("poll-" + Math.min(3, fullFetches.incrementAndGet()) + ".xml");
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.getResponseHeaders().set("ETag", etag);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    feedServer.start();
    kafkaPort = freePort();
    broker = startBroker();
    metricsPort = freePort();
  }

  @AfterEach
  void stop() {
    if (run != null && !run.isDone()) {
      // The only way to end an in-process `run` besides the JVM's shutdown: a critical thread dies.
      Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(ProducerThreads.FEED_LIST_READER)).forEach(Thread::interrupt);
      await().atMost(Duration.ofMinutes(2)).until(run::isDone);
    }
    if (broker != null) {
      broker.close();
    }
    feedServer.stop(0);
  }

  @Test
  void producerCountersReadinessAndLiveness() throws Exception {
    startRun();
    await("ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).ignoreException(ConnectException.class)
        .failFast("feedpipe run ended", () -> run.isDone())
        .until(() -> get("/health/ready").statusCode() == 200);

    // The fourth poll answered 304: every version has been fetched, and nothing more will be.
    List<Sample> samples = await("three fetches and a 304").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .failFast("feedpipe run ended", () -> run.isDone())
        .until(this::scrape, s -> value(s, "feedpipe_producer_fetches_total", Map.of("outcome", "not_modified")) >= 1
            && value(s, "feedpipe_producer_entries_total", Map.of()) >= 52);

    assertThat(value(samples, "feedpipe_producer_entries_total", Map.of())).isEqualTo(52);
    assertThat(value(samples, "feedpipe_producer_fetches_total", Map.of("outcome", "ok"))).isEqualTo(3);
    assertThat(sum(samples, "feedpipe_producer_errors_total")).isZero();
    assertThat(value(samples, "feedpipe_producer_fetch_entries_count", Map.of())).isEqualTo(3);
    assertThat(value(samples, "feedpipe_producer_fetch_entries_sum", Map.of())).isEqualTo(52);
    assertThat(value(samples, "feedpipe_producer_fetch_entries_bucket", Map.of("le", "+Inf"))).isEqualTo(3);
    assertThat(value(samples, "feedpipe_producer_fetch_size_bytes_count", Map.of())).isEqualTo(3);
    assertThat(value(samples, "feedpipe_producer_fetch_duration_seconds_count", Map.of()))
        .isEqualTo(value(samples, "feedpipe_producer_fetches_total", Map.of("outcome", "ok"))
            + value(samples, "feedpipe_producer_fetches_total", Map.of("outcome", "not_modified")));
    // poll-2 and poll-3 were asked for with the previous version's ETag and came in full; then 304s.
    assertThat(value(samples, "feedpipe_producer_conditional_requests_total", Map.of("result", "miss"))).isEqualTo(2);
    double hits = value(samples, "feedpipe_producer_conditional_requests_total", Map.of("result", "hit"));
    assertThat(hits).isGreaterThanOrEqualTo(1);
    assertThat(value(samples, "feedpipe_producer_conditional_get_hit_ratio", Map.of())).isEqualTo(hits / (hits + 2));
    assertThat(value(samples, "feedpipe_producer_feeds", Map.of("state", "known"))).isEqualTo(1);
    assertThat(value(samples, "feedpipe_producer_feeds", Map.of("state", "overdue"))).isZero();
    assertThat(value(samples, "feedpipe_producer_in_flight_bytes", Map.of())).isGreaterThanOrEqualTo(0);
    assertThat(value(samples, "feedpipe_producer_fetches_in_flight", Map.of())).isBetween(0.0, 1.0);
    assertThat(value(samples, "feedpipe_live", Map.of())).isEqualTo(1);
    assertThat(value(samples, "feedpipe_ready", Map.of())).isEqualTo(1);
    assertThat(value(samples, "feedpipe_streams_running", Map.of())).isEqualTo(1);
    assertThat(samples).as("every sample carries process=\"run\"").allSatisfy(s -> assertThat(s.labels()).containsEntry("process", "run"));
    assertThat(samples).extracting(Sample::name)
        .anyMatch(n -> n.startsWith("jvm_memory_used_bytes")).anyMatch(n -> n.startsWith("jvm_gc_"))
        .anyMatch(n -> n.startsWith("jvm_threads_live")).anyMatch(n -> n.startsWith("process_cpu_usage"))
        .anyMatch(n -> n.startsWith("kafka_producer_")).anyMatch(n -> n.startsWith("kafka_consumer_"))
        .anyMatch(n -> n.startsWith("kafka_stream_"));

    HttpResponse<String> openMetrics = http.send(request("/metrics").header("Accept", "application/openmetrics-text; version=1.0.0").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/openmetrics-text"));
    assertThat(openMetrics.body()).contains("feedpipe_producer_entries_total{process=\"run\"} 52.0").endsWith("# EOF\n");

    JsonNode ready = JSON.readTree(get("/health/ready").body());
    assertThat(ready.get("status").asText()).isEqualTo("UP");
    assertThat(ready.get("checks").fieldNames()).toIterable().contains("kafka", "streams", "producer", "producer-threads", "streams-alive");

    // The broker goes away: not ready, naming the check; back: ready again.
    broker.close();
    broker = null;
    HttpResponse<String> notReady = await("not ready without a broker").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
        .until(() -> get("/health/ready"), r -> r.statusCode() == 503);
    JsonNode down = JSON.readTree(notReady.body());
    assertThat(down.get("status").asText()).isEqualTo("DOWN");
    assertThat(down.get("checks").get("kafka").get("status").asText()).isEqualTo("DOWN");
    assertThat(value(scrape(), "feedpipe_ready", Map.of())).isZero();
    broker = startBroker();
    await("ready again with the broker back").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .until(() -> get("/health/ready").statusCode() == 200);

    // A critical producer thread dies: liveness says so (or the process has ended), and `run` exits 1.
    killFeedListReader();
    await("not live, or stopped").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> run.isDone() || liveStatus() == 503);
    assertThat(run.get(2, java.util.concurrent.TimeUnit.MINUTES)).as("exit status of run after its feed-list reader died").isEqualTo(1);
  }

  @Test
  void streamsCountersAfterTheThreeLessWrongPolls() throws Exception {
    startRun();
    List<Sample> samples = await("52 posts through the Streams app").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
        .ignoreException(ConnectException.class).failFast("feedpipe run ended", () -> run.isDone())
        .until(this::scrape, s -> value(s, "feedpipe_streams_posts_in_total", Map.of()) >= 52 && sum(s, "feedpipe_streams_posts_total") >= 52
            && value(s, "feedpipe_streams_end_to_end_latency_seconds_count", Map.of("from", "fetched")) >= 22);

    assertThat(value(samples, "feedpipe_streams_posts_in_total", Map.of())).isEqualTo(52);
    assertThat(value(samples, "feedpipe_streams_posts_total", Map.of("outcome", "new"))).isEqualTo(20);
    assertThat(value(samples, "feedpipe_streams_posts_total", Map.of("outcome", "repeat"))).isEqualTo(30);
    assertThat(value(samples, "feedpipe_streams_posts_total", Map.of("outcome", "edit"))).isEqualTo(2);
    assertThat(sum(samples, "feedpipe_streams_dlq_records_total")).isZero();
    assertThat(value(samples, "feedpipe_streams_end_to_end_latency_seconds_count", Map.of("from", "published"))).isEqualTo(22);
    assertThat(value(samples, "feedpipe_streams_end_to_end_latency_seconds_count", Map.of("from", "fetched"))).isEqualTo(22);
    assertThat(value(samples, "feedpipe_streams_clean_duration_seconds_count", Map.of())).isGreaterThanOrEqualTo(22);
  }

  private void startRun() throws IOException {
    Path config = work.resolve("feedpipe.yaml");
    Files.writeString(config, """
        feeds:
          - id: lesswrong
            url: http://127.0.0.1:%d/feed.xml
        producer:
          poll-interval: 1s
          min-interval: 1s
          max-interval: 2s
          backoff-base: 1s
          backoff-cap: 2s
          per-host-gap: 0s
          allowed-networks: ["127.0.0.0/8"]
        """.formatted(feedServer.getAddress().getPort()));
    String[] args = {"run", "--config", config.toString(), "--bootstrap-servers", "127.0.0.1:" + kafkaPort,
        "--data-dir", work.resolve("data").toString(), "--metrics", "127.0.0.1:" + metricsPort};
    run = CompletableFuture.supplyAsync(() -> FeedpipeCommand.execute(args));
  }

  private EmbeddedKafkaBroker startBroker() {
    return EmbeddedKafkaBroker.start(new BrokerConfig("127.0.0.1", kafkaPort, work.resolve("kafka"), Map.of()));
  }

  /** Interrupts the producer's feed-list reader: its consumer throws, and the thread ends as a critical thread dying does. */
  private static void killFeedListReader() {
    Thread reader = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(ProducerThreads.FEED_LIST_READER)).findFirst()
        .orElseThrow(() -> new AssertionError("no thread " + ProducerThreads.FEED_LIST_READER));
    reader.interrupt();
  }

  private int liveStatus() {
    try {
      return get("/health/live").statusCode();
    } catch (IOException e) {
      return -1; // no longer listening: the process is stopping
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private List<Sample> scrape() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
    return PrometheusText.parse(response.body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path)).timeout(Duration.ofSeconds(10));
  }

  /** The value of the sample with exactly these labels besides process; 0 when there is none (a counter not yet counted). */
  static double value(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && without(s.labels(), "process").equals(labels))
        .mapToDouble(Sample::value).findFirst().orElse(0);
  }

  static double sum(List<Sample> samples, String name) {
    return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
  }

  private static Map<String, String> without(Map<String, String> labels, String name) {
    Map<String, String> copy = new java.util.HashMap<>(labels);
    copy.remove(name);
    return copy;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = MetricsEndpointIT.class.getResourceAsStream("/fixtures/lesswrong/" + name)) {
      if (in == null) {
        throw new IOException("fixture missing: /fixtures/lesswrong/" + name);
      }
      return in.readAllBytes();
    }
  }
}

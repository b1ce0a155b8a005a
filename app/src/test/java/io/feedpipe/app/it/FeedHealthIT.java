package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.feedpipe.app.cli.CliRun;
import io.feedpipe.app.config.ConfigLoader;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.schemas.FeedHealth;
import io.feedpipe.schemas.HealthState;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.StreamsApp;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feed health end to end on the embedded broker: a producer polls two feeds of a local web server
 * every 300 ms, the Streams app judges their status events with short {@code health.*} limits, and
 * the test reads {@code feeds.health} as a consumer would, and through {@code feeds health} and
 * {@code feeds list}. Under a topic prefix of its own, so nothing is shared with other tests.
 *
 * <ul>
 *   <li>{@code /flaky.xml} answers 200, then 500 until the test has seen it DEAD, then 200 again:
 *       OK → DEGRADED → DEAD → OK.
 *   <li>{@code /quiet.xml} answers two different documents, then 304 to the second one's ETag:
 *       it becomes STALE once that has lasted over its usual interval (and stale-min-age).
 * </ul>
 */
@KafkaCluster
class FeedHealthIT {
  private static final String RSS = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>%s</title>%s</channel></rss>";
  private static final String ITEM = "<item><title>post %d</title><guid>%s-%d</guid><link>https://example.org/%s/%d</link></item>";

  @TempDir Path work;
  private HttpServer server;
  private ExecutorService serverThreads;
  private String base;
  private final AtomicBoolean flakyFails = new AtomicBoolean();
  private final AtomicInteger quietRequests = new AtomicInteger();
  private final AtomicInteger flakyRequests = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serverThreads = Executors.newFixedThreadPool(4);
    server.setExecutor(serverThreads);
    server.createContext("/flaky.xml", this::flaky);
    server.createContext("/quiet.xml", this::quiet);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private void flaky(HttpExchange exchange) throws IOException {
    if (flakyFails.get()) {
      respond(exchange, 500, null, "oops");
    } else {
      // A document of another size on every fetch: a feed that changes all the time never looks STALE.
      int n = flakyRequests.incrementAndGet();
      respond(exchange, 200, null, rss("flaky", 1).replace("<title>flaky</title>", "<title>flaky" + "!".repeat(n % 97) + "</title>"));
    }
  }

  /** Version 1, then version 2 (ETag "v2"), then 304 to every request that names version 2. */
  private void quiet(HttpExchange exchange) throws IOException {
    int n = quietRequests.incrementAndGet();
    if (n == 1) {
      respond(exchange, 200, "\"v1\"", rss("quiet", 1));
    } else if ("\"v2\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.getResponseHeaders().set("ETag", "\"v2\"");
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
    } else {
      respond(exchange, 200, "\"v2\"", rss("quiet", 2));
    }
  }

  private static String rss(String feed, int items) {
    StringBuilder entries = new StringBuilder();
    for (int i = 1; i <= items; i++) {
      entries.append(ITEM.formatted(i, feed, i, feed, i));
    }
    return RSS.formatted(feed, entries);
  }

  private static void respond(HttpExchange exchange, int status, String etag, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/rss+xml" : "text/plain");
    if (etag != null) {
      exchange.getResponseHeaders().set("ETag", etag);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void failingFeedGoesOkDegradedDeadOkAndANotModifiedFeedBecomesStale(KafkaClusterInfo kafka) throws Exception {
    String prefix = kafka.uniqueName("health") + ".";
    Path yaml = work.resolve("feedpipe.yaml");
    Files.writeString(yaml, """
        kafka:
          bootstrap-servers: %s
        data-dir: %s
        topics:
          prefix: %s
          partitions: 1
        feeds:
          - id: flaky
            url: %s/flaky.xml
          - id: quiet
            url: %s/quiet.xml
        producer:
          feed-list: config
          allowed-networks: [127.0.0.0/8]
          poll-interval: 300ms
          min-interval: 300ms
          max-interval: 300ms
          backoff-base: 300ms
          backoff-cap: 300ms
          backoff-jitter: 0
          per-host-gap: 0s
        health:
          degraded-after-errors: 2
          dead-after: 5s
          stale-factor: 2
          stale-min-age: 2s
          check-interval: 200ms
          forget-after: 1h
        routes: []
        """.formatted(kafka.bootstrapServers(), work.resolve("data"), prefix, base, base));
    FeedpipeConfig config = new ConfigLoader(work).load(Optional.of(yaml));
    String healthTopic = config.topics().feedsHealth();
    assertThat(healthTopic).isEqualTo(prefix + "feeds.health");

    ExecutorService producerThread = Executors.newSingleThreadExecutor();
    try (StreamsApp streams = StreamsApp.start(config.streamsSettings(), kafka.bootstrapServers(), Map.of())) {
      assertThat(streams.awaitRunning(Duration.ofSeconds(60))).as("streams running").isTrue();
      try (FeedProducer producer = new FeedProducer(config.producer(), Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        Future<?> polling = producerThread.submit(producer::runUntilStopped);

        awaitStates(kafka, healthTopic, "flaky", HealthState.OK);
        flakyFails.set(true);
        awaitStates(kafka, healthTopic, "flaky", HealthState.OK, HealthState.DEGRADED, HealthState.DEAD);
        flakyFails.set(false);
        awaitStates(kafka, healthTopic, "flaky", HealthState.OK, HealthState.DEGRADED, HealthState.DEAD, HealthState.OK);

        awaitStates(kafka, healthTopic, "quiet", HealthState.OK, HealthState.STALE);

        // The commands read the same topic: feeds health prints every feed, feeds list has the column.
        CliRun health = CliRun.of("feeds", "health", "--config", yaml.toString());
        assertThat(health.exitCode()).as(health.err()).isZero();
        assertThat(health.out()).contains("STATE").contains("LAST SUCCESS").contains("REASON");
        assertThat(columns(line(health.out(), "flaky"))).containsSubsequence("flaky", "OK");
        assertThat(line(health.out(), "quiet")).contains("STALE").contains("no change since");
        CliRun stale = CliRun.of("feeds", "health", "--state", "STALE", "--config", yaml.toString());
        assertThat(stale.exitCode()).as(stale.err()).isZero();
        assertThat(line(stale.out(), "quiet")).contains("STALE");
        assertThat(stale.out().lines()).noneMatch(l -> l.startsWith("flaky "));
        // feeds list shows the managed list (this producer polls the config's feeds: add one to see its column).
        CliRun added = CliRun.of("feeds", "add", base + "/quiet.xml", "--id", "quiet", "--no-discover", "--config", yaml.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        CliRun list = CliRun.of("feeds", "list", "--config", yaml.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("HEALTH");
        assertThat(columns(line(list.out(), "quiet"))).containsSubsequence("quiet", "STALE", "NOT_MODIFIED", "0");

        producer.stop();
        polling.get();
      }
    } finally {
      producerThread.shutdownNow();
    }

    List<HealthState> flaky = states(kafka, healthTopic, "flaky");
    assertThat(flaky).as("the states of flaky as written, a repeat in a row shown once")
        .containsExactly(HealthState.OK, HealthState.DEGRADED, HealthState.DEAD, HealthState.OK);
    FeedHealth dead = records(kafka, healthTopic, "flaky").stream().filter(h -> h.getState() == HealthState.DEAD).findFirst().orElseThrow();
    assertThat(dead.getReason()).contains("no successful fetch since").contains("health.dead-after 5s").contains("500");
    assertThat(dead.getErrorsInARow()).isGreaterThanOrEqualTo(2);
    List<FeedHealth> quiet = records(kafka, healthTopic, "quiet");
    FeedHealth staleRecord = quiet.get(quiet.size() - 1);
    assertThat(staleRecord.getState()).isEqualTo(HealthState.STALE);
    assertThat(staleRecord.getLastOutcome()).isEqualTo("NOT_MODIFIED");
    assertThat(staleRecord.getUsualChangeIntervalMs()).as("learnt from the two versions").isNotNull();
  }

  /** Waits until the states written for the feed begin with {@code expected} (a repeat in a row counted once). */
  private static void awaitStates(KafkaClusterInfo kafka, String topic, String feedId, HealthState... expected) {
    await("feed " + feedId + " " + List.of(expected)).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(states(kafka, topic, feedId)).startsWith(expected));
  }

  private static List<FeedHealth> records(KafkaClusterInfo kafka, String topic, String feedId) {
    List<FeedHealth> values = new ArrayList<>();
    for (ConsumerRecord<String, FeedHealth> r : TopicReader.readAll(kafka.bootstrapServers(), topic, AvroSerdes.deserializer(FeedHealth.class))) {
      if (feedId.equals(r.key()) && r.value() != null) {
        values.add(r.value());
      }
    }
    return values;
  }

  private static List<HealthState> states(KafkaClusterInfo kafka, String topic, String feedId) {
    List<HealthState> states = new ArrayList<>();
    for (FeedHealth h : records(kafka, topic, feedId)) {
      if (states.isEmpty() || states.get(states.size() - 1) != h.getState()) {
        states.add(h.getState());
      }
    }
    return states;
  }

  private static String line(String listing, String feedId) {
    return listing.lines().filter(l -> l.startsWith(feedId + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + feedId + " in:\n" + listing));
  }

  private static List<String> columns(String line) {
    return List.of(line.trim().split("\\s+"));
  }
}

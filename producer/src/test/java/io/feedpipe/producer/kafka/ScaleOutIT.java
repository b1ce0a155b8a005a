package io.feedpipe.producer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.AddressPolicy;
import io.feedpipe.producer.fetch.FetchPolicy;
import io.feedpipe.producer.schedule.ScheduleSettings;
import io.feedpipe.producer.state.FeedRecords;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scale-out acceptance: two producer instances (same consumer group on {@code feeds.config}) share
 * 100 feeds served by a local server that records which instance (by User-Agent) fetched which
 * feed. While both run, every feed is fetched by exactly one instance, never twice within an
 * interval; once one instance stops, the other polls all 100.
 */
@KafkaCluster
class ScaleOutIT {
  private static final int FEEDS = 100;
  private static final Duration INTERVAL = Duration.ofSeconds(3);
  private static final Duration WAIT = Duration.ofSeconds(60);

  private record Fetch(String feedId, String instance, long nanos) {}

  private HttpServer server;
  private ExecutorService serverThreads;
  private final ConcurrentLinkedQueue<Fetch> fetches = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serverThreads = Executors.newFixedThreadPool(8);
    server.setExecutor(serverThreads);
    server.createContext("/feed/", this::serve);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String n = path.substring(path.lastIndexOf('/') + 1);
    fetches.add(new Fetch(feedId(Integer.parseInt(n)), exchange.getRequestHeaders().getFirst("User-Agent"), System.nanoTime()));
    String etag = "\"v1-" + n + "\"";
    exchange.getResponseHeaders().set("ETag", etag);
    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
      return;
    }
    byte[] body = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>feed " + n + "</title>"
        + "<item><title>post</title><guid>post-" + n + "</guid><link>https://example.org/" + n + "</link></item>"
        + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String feedId(int n) {
    return String.format("feed-%03d", n);
  }

  @Test
  void twoInstancesShareTheFeedsAndTheSurvivorTakesAllOver(KafkaClusterInfo kafka) throws Exception {
    String raw = kafka.uniqueName("posts.raw");
    String status = kafka.uniqueName("feeds.status");
    String state = kafka.uniqueName("feeds.state");
    String config = kafka.uniqueName("feeds.config");
    String group = kafka.uniqueName("producers");
    Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(raw, 2, (short) 1), new NewTopic(status, 1, (short) 1),
          new NewTopic(state, 4, (short) 1).configs(compacted), new NewTopic(config, 6, (short) 1).configs(compacted))).all().get();
    }
    Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
    int port = server.getAddress().getPort();
    try (FeedListClient list = new FeedListClient(client, config, state)) {
      for (int i = 0; i < FEEDS; i++) {
        FeedSource feed = new FeedSource(feedId(i), URI.create("http://127.0.0.1:" + port + "/feed/" + i), INTERVAL);
        list.put(FeedRecords.toConfig(feed, List.of(), null, Instant.now()));
      }
    }

    ExecutorService runners = Executors.newFixedThreadPool(2);
    FeedProducer a = new FeedProducer(settings("instance-a", group, raw, status, state, config), client);
    FeedProducer b = new FeedProducer(settings("instance-b", group, raw, status, state, config), client);
    try {
      runners.submit(a::runUntilStopped);
      runners.submit(b::runUntilStopped);

      // Both running: the group splits the feeds between them.
      awaitTrue("the feeds split between both instances", () -> {
        Set<String> ofA = a.feedIds();
        Set<String> ofB = b.feedIds();
        return !ofA.isEmpty() && !ofB.isEmpty() && ofA.size() + ofB.size() == FEEDS && union(ofA, ofB).size() == FEEDS;
      });
      Set<String> ownedByA = a.feedIds();
      Set<String> ownedByB = b.feedIds();
      long shared = System.nanoTime();
      awaitTrue("every feed fetched twice while shared", () -> everyFeedFetchedAtLeast(2, shared, null));
      long sharedEnd = System.nanoTime();
      assertThat(a.feedIds()).isEqualTo(ownedByA); // no rebalance during the window
      assertThat(b.feedIds()).isEqualTo(ownedByB);

      Map<String, List<Fetch>> byFeed = fetchesBetween(shared, sharedEnd);
      assertThat(byFeed).hasSize(FEEDS);
      byFeed.forEach((feed, list) -> {
        String owner = ownedByA.contains(feed) ? "instance-a" : "instance-b";
        assertThat(list).as("fetches of %s", feed).extracting(Fetch::instance).containsOnly(agent(owner));
        assertNotTwiceInAnInterval(feed, list);
      });

      // One instance stops: the other takes over every feed.
      b.close();
      awaitTrue("instance a owns all feeds", () -> a.feedIds().size() == FEEDS);
      long alone = System.nanoTime();
      awaitTrue("every feed fetched twice by the survivor", () -> everyFeedFetchedAtLeast(2, alone, agent("instance-a")));
      Map<String, List<Fetch>> afterStop = fetchesBetween(alone, System.nanoTime());
      assertThat(afterStop).hasSize(FEEDS);
      afterStop.forEach((feed, list) -> {
        assertThat(list).as("fetches of %s", feed).extracting(Fetch::instance).containsOnly(agent("instance-a"));
        assertNotTwiceInAnInterval(feed, list);
      });
      // Across the hand-over too, no feed was fetched twice within an interval.
      fetchesBetween(shared, System.nanoTime()).forEach(this::assertNotTwiceInAnInterval);
    } finally {
      a.close();
      b.close();
      runners.shutdownNow();
      runners.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /**
   * A feed's next poll is scheduled one interval after the last; a second fetch within half an
   * interval would mean two instances (or two schedules) polled it. Load only makes gaps longer.
   */
  private void assertNotTwiceInAnInterval(String feed, List<Fetch> list) {
    for (int i = 1; i < list.size(); i++) {
      long gap = list.get(i).nanos() - list.get(i - 1).nanos();
      assertThat(gap).as("gap between fetches %d and %d of %s by %s and %s", i - 1, i, feed, list.get(i - 1).instance(),
          list.get(i).instance()).isGreaterThanOrEqualTo(INTERVAL.toNanos() / 2);
    }
  }

  private boolean everyFeedFetchedAtLeast(int times, long since, String agent) {
    Map<String, Long> counts = fetches.stream()
        .filter(f -> f.nanos() >= since && (agent == null || agent.equals(f.instance())))
        .collect(Collectors.groupingBy(Fetch::feedId, Collectors.counting()));
    return counts.size() == FEEDS && counts.values().stream().allMatch(c -> c >= times);
  }

  private Map<String, List<Fetch>> fetchesBetween(long from, long to) {
    Map<String, List<Fetch>> byFeed = new TreeMap<>();
    List<Fetch> all = new ArrayList<>(fetches);
    all.sort((x, y) -> Long.compare(x.nanos(), y.nanos()));
    for (Fetch f : all) {
      if (f.nanos() >= from && f.nanos() <= to) {
        byFeed.computeIfAbsent(f.feedId(), k -> new ArrayList<>()).add(f);
      }
    }
    return byFeed;
  }

  private static Set<String> union(Set<String> x, Set<String> y) {
    Set<String> u = new HashSet<>(x);
    u.addAll(y);
    return u;
  }

  private static String agent(String instance) {
    return "feedpipe-test/" + instance;
  }

  private static ProducerSettings settings(String instance, String group, String raw, String status, String state, String config) {
    FetchPolicy fetch = FetchPolicy.defaults()
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3))
        .withAddresses(AddressPolicy.allowingLoopback())
        .withUserAgent(agent(instance));
    // Every feed on one host (127.0.0.1): no per-host gap, enough concurrency for 100 feeds in an interval.
    ScheduleSettings schedule = new ScheduleSettings(INTERVAL, Duration.ofSeconds(1), INTERVAL, INTERVAL, INTERVAL, 0.0, 16,
        Duration.ZERO, 16);
    return ProducerSettings.builder().fetch(fetch).schedule(schedule).maxEntriesPerFetch(1000).managedFeeds(true).groupId(group)
        .configTopic(config).stateTopic(state).rawTopic(raw).statusTopic(status).build();
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      Thread.sleep(100);
    }
  }
}

package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.feedpipe.app.cli.CliRun;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.AddressPolicy;
import io.feedpipe.producer.fetch.FetchPolicy;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.producer.schedule.ScheduleSettings;
import io.feedpipe.schemas.topics.FeedpipeTopics;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code feedpipe feeds add|list|remove|import|export} as a user runs them, against the embedded
 * broker and a local web server (127.0.0.1, allow-listed in the configuration file). The broker is
 * shared with other tests: every assertion is about this test's own feeds.
 */
@KafkaCluster
class FeedsCommandIT {
  private static final String RSS = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>%s</title>"
      + "<item><title>post</title><guid>%s-1</guid><link>https://example.org/%s/1</link></item></channel></rss>";

  @TempDir Path work;
  private HttpServer server;
  private ExecutorService serverThreads;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serverThreads = Executors.newFixedThreadPool(4);
    server.setExecutor(serverThreads);
    server.createContext("/", this::serve);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    switch (path) {
      case "/blog/" -> respond(exchange, 200, "text/html; charset=utf-8", "<!doctype html><html><head><title>A blog</title>"
          + "<link rel=\"stylesheet\" href=\"/style.css\">"
          + "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Test Blog\" href=\"/blog/feed.xml\">"
          + "</head><body><p>Hello</p></body></html>");
      case "/plain/" -> respond(exchange, 200, "text/html", "<!doctype html><html><head><title>No feed</title></head><body/></html>");
      case "/blog/feed.xml" -> respond(exchange, 200, "application/rss+xml", RSS.formatted("Test Blog", "blog", "blog"));
      case "/a.xml" -> respond(exchange, 200, "application/rss+xml", RSS.formatted("Feed A", "a", "a"));
      case "/b.xml" -> respond(exchange, 200, "application/rss+xml", RSS.formatted("Feed B", "b", "b"));
      case "/broken.xml" -> respond(exchange, 500, "text/plain", "oops");
      default -> respond(exchange, 404, "text/plain", "not found");
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void addDiscoversListShowsHealthImportExportAndRemove(KafkaClusterInfo kafka) throws Exception {
    Path config = work.resolve("feedpipe.yaml");
    Files.writeString(config, "producer:\n  allowed-networks: [127.0.0.0/8]\n");
    String blog = kafka.uniqueName("blog");
    String broken = kafka.uniqueName("broken");

    // add: a web page URL is looked up for the feed it announces.
    CliRun added = feeds(kafka, config, "add", base + "/blog/", "--id", blog, "--interval", "15m", "--route", "tech");
    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out()).contains("found the feed " + base + "/blog/feed.xml on " + base + "/blog/")
        .contains("added " + blog + " " + base + "/blog/feed.xml (Test Blog)");

    // add: a page announcing no feed is refused, saying why; nothing is added.
    CliRun noFeed = feeds(kafka, config, "add", base + "/plain/", "--id", kafka.uniqueName("plain"));
    assertThat(noFeed.exitCode()).isNotZero();
    assertThat(noFeed.err()).contains(base + "/plain/").contains("neither a feed nor a page announcing one");

    // add --no-discover: stored as given, even though it is failing.
    CliRun addedBroken = feeds(kafka, config, "add", base + "/broken.xml", "--id", broken, "--no-discover");
    assertThat(addedBroken.exitCode()).as(addedBroken.err()).isZero();

    // import: every outline with an xmlUrl, in nested folders too; ids derived from the URLs.
    Path opml = work.resolve("subscriptions.opml");
    Files.writeString(opml, "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>mine</title></head><body>"
        + "<outline text=\"Feed A\" type=\"rss\" xmlUrl=\"" + base + "/a.xml\"/>"
        + "<outline text=\"folder\"><outline title=\"Feed B\" text=\"b\" type=\"rss\" xmlUrl=\"" + base + "/b.xml\"/></outline>"
        + "</body></opml>");
    CliRun imported = feeds(kafka, config, "import", opml.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("imported 2 of 2 feed(s)");
    String idA = io.feedpipe.producer.config.FeedSource.fromUrl(base + "/a.xml").id();
    String idB = io.feedpipe.producer.config.FeedSource.fromUrl(base + "/b.xml").id();

    // Before any poll: listed, not polled yet.
    CliRun before = feeds(kafka, config, "list");
    assertThat(before.exitCode()).as(before.err()).isZero();
    assertThat(line(before.out(), blog)).contains("(not polled)").contains(base + "/blog/feed.xml");
    assertThat(line(before.out(), idA)).contains("(not polled)");

    // One producer instance polls the managed list once; its state lands in feeds.state.
    ProducerSettings settings = producerSettings(kafka);
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(settings.rawTopic(), 1, (short) 1), new NewTopic(settings.statusTopic(), 1, (short) 1)))
          .all().get();
    }
    try (FeedProducer producer = new FeedProducer(settings, Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      producer.pollAllOnce();
    }

    // list: each feed's health.
    CliRun listed = feeds(kafka, config, "list");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("LAST OUTCOME").contains("ERRORS").contains("NEXT POLL");
    assertThat(columns(line(listed.out(), blog))).containsSubsequence(blog, "FETCHED", "0");
    assertThat(columns(line(listed.out(), idA))).containsSubsequence(idA, "FETCHED", "0");
    assertThat(columns(line(listed.out(), idB))).containsSubsequence(idB, "FETCHED", "0");
    assertThat(columns(line(listed.out(), broken))).containsSubsequence(broken, "SERVER_ERROR", "1");
    assertThat(line(listed.out(), broken)).contains(base + "/broken.xml").contains("500");

    // export: OPML with the feeds' URLs and titles, which import reads back.
    CliRun exported = feeds(kafka, config, "export");
    assertThat(exported.exitCode()).as(exported.err()).isZero();
    assertThat(exported.out()).startsWith("<?xml").contains("<opml version=\"2.0\">")
        .contains("title=\"Test Blog\" xmlUrl=\"" + base + "/blog/feed.xml\"")
        .contains("title=\"Feed A\" xmlUrl=\"" + base + "/a.xml\"")
        .contains("title=\"Feed B\" xmlUrl=\"" + base + "/b.xml\"")
        .contains("xmlUrl=\"" + base + "/broken.xml\"");
    assertThat(io.feedpipe.producer.discover.Opml.read(exported.out().getBytes(StandardCharsets.UTF_8)))
        .extracting(o -> o.xmlUrl().toString())
        .contains(base + "/blog/feed.xml", base + "/a.xml", base + "/b.xml", base + "/broken.xml");

    // remove: by id and by URL; an unknown one is an error (exit 1) naming it.
    CliRun removed = feeds(kafka, config, "remove", broken, base + "/a.xml");
    assertThat(removed.exitCode()).as(removed.err()).isZero();
    assertThat(removed.out()).contains("removed " + broken).contains("removed " + idA);
    CliRun unknown = feeds(kafka, config, "remove", "no-such-feed-" + blog);
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no feed no-such-feed-" + blog);

    CliRun after = feeds(kafka, config, "list");
    assertThat(after.out()).contains(blog).contains(idB).doesNotContain(broken).doesNotContain(idA + " ");

    // Leave the shared feed list as found.
    assertThat(feeds(kafka, config, "remove", blog, idB).exitCode()).isZero();
  }

  private static ProducerSettings producerSettings(KafkaClusterInfo kafka) {
    FetchPolicy fetch = FetchPolicy.defaults()
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3))
        .withAddresses(AddressPolicy.allowingLoopback());
    ScheduleSettings schedule = ScheduleSettings.defaults().withHostLimits(8, Duration.ZERO, 8);
    return ProducerSettings.builder().fetch(fetch).schedule(schedule).maxEntriesPerFetch(1000)
        .managedFeeds(true).groupId(kafka.uniqueName("producers")).configTopic(FeedpipeTopics.FEEDS_CONFIG)
        .stateTopic(FeedpipeTopics.FEEDS_STATE)
        .rawTopic(kafka.uniqueName("posts.raw")).statusTopic(kafka.uniqueName("feeds.status")).build();
  }

  private static CliRun feeds(KafkaClusterInfo kafka, Path config, String... args) {
    String[] all = Stream.concat(Stream.of("feeds"), Stream.concat(Arrays.stream(args),
        Stream.of("--config", config.toString(), "--bootstrap-servers", kafka.bootstrapServers()))).toArray(String[]::new);
    return CliRun.of(all);
  }

  /** The listing line of a feed. */
  private static String line(String listing, String feedId) {
    return listing.lines().filter(l -> l.startsWith(feedId + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + feedId + " in:\n" + listing));
  }

  private static List<String> columns(String line) {
    return List.of(line.trim().split("\\s+"));
  }
}

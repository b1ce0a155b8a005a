package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.feedpipe.ops.lag.CatchUp;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.StreamsApp;
import io.feedpipe.streams.route.RouteRule;
import io.feedpipe.streams.topology.StreamsSettings;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline end to end on a real broker: the LessWrong fixture polled three times over
 * HTTP (poll-1, poll-2, poll-3 at one URL), through the producer and the Streams app, read back as
 * a downstream consumer would. The fixture's README gives the expected outcome: 52 items fetched,
 * 20 posts, 2 edits, 30 repeats.
 */
@KafkaCluster
class LessWrongPipelineIT {

  static final String FEED_ID = "lesswrong";

  @TempDir Path stateDir;
  HttpServer server;
  final AtomicReference<byte[]> served = new AtomicReference<>();

  @BeforeEach
  void serveFeed() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/feed.xml", exchange -> {
      byte[] body = served.get();
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void threeLessWrongPollsBecomeTwentyPostsTwoEditsAndThirtyRepeats(KafkaClusterInfo kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    StreamsSettings settings = settings("feedpipe-streams");
    FeedSource feed = new FeedSource(FEED_ID, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml"));

    try (StreamsApp streams = StreamsApp.start(settings, bootstrap, Map.of());
        FeedProducer producer = new FeedProducer(localSettings(feed), Map.of("bootstrap.servers", bootstrap))) {
      assertThat(streams.awaitRunning(Duration.ofSeconds(60))).as("streams running").isTrue();
      for (String poll : List.of("poll-1.xml", "poll-2.xml", "poll-3.xml")) {
        served.set(fixture(poll));
        producer.pollAllOnce();
      }
      awaitCatchUp(bootstrap, settings.applicationId());
    }

    // The class's other test shares the broker: count only this feed's records.
    List<FetchedPost> raw = ofFeed(values(bootstrap, FeedpipeTopics.RAW, FetchedPost.class), FetchedPost::getFeedId);
    List<CleanPost> clean = ofFeed(values(bootstrap, FeedpipeTopics.CLEAN, CleanPost.class), CleanPost::getFeedId);
    List<CleanPost> updates = ofFeed(values(bootstrap, FeedpipeTopics.UPDATES, CleanPost.class), CleanPost::getFeedId);
    List<FeedStatus> statuses = ofFeed(values(bootstrap, FeedpipeTopics.STATUS, FeedStatus.class), FeedStatus::getFeedId);

    assertThat(raw).hasSize(52);
    assertThat(clean).hasSize(22);
    assertThat(clean.stream().map(CleanPost::getPostId).distinct()).hasSize(20);
    assertThat(clean.stream().collect(Collectors.groupingBy(CleanPost::getRevision, Collectors.counting())))
        .isEqualTo(Map.of(1, 20L, 2, 2L));
    assertThat(updates).hasSize(2).allSatisfy(edit -> {
      assertThat(edit.getRevision()).isEqualTo(2);
      assertThat(edit.getPreviousContentHash()).isNotNull().isNotEqualTo(edit.getContentHash());
    });
    assertThat(updates).extracting(CleanPost::getTitle)
        .containsExactlyInAnyOrder("I have hope", "A few quick thoughts on measuring disempowerment");
    assertThat(TopicReader.readAll(bootstrap, FeedpipeTopics.DLQ, new ByteArrayDeserializer())).isEmpty();
    assertThat(statuses).hasSize(3).allSatisfy(s -> assertThat(s.getOutcome()).isEqualTo(FetchOutcome.FETCHED));
    assertThat(statuses).extracting(FeedStatus::getItemCount).containsExactly(16, 16, 20);

    for (CleanPost post : clean) {
      assertThat(post.getText()).as(post.getTitle())
          .doesNotContain("mjx-chtml").doesNotContain("@font-face")
          .doesNotStartWith("Published on").doesNotEndWith("Discuss");
    }
    assertThat(byTitle(clean, "Algorithmic thermodynamics and three types of optimization").getText())
        .contains("Let X denote the space of macrostates");

    assertThat(titles(ofFeed(values(bootstrap, FeedpipeTopics.routeTopic("linkposts"), CleanPost.class), CleanPost::getFeedId)))
        .isNotEmpty().isEqualTo(fixtureTitlesStartingWith("[Linkpost]"));
    assertThat(titles(ofFeed(values(bootstrap, FeedpipeTopics.routeTopic("papers"), CleanPost.class), CleanPost::getFeedId)))
        .isNotEmpty().isEqualTo(fixtureTitlesStartingWith("[Paper]"));
  }

  @Test
  void restartedStreamsAppRestoresItsDedupeStateAndIngestsNothingNew(KafkaClusterInfo kafka, @TempDir Path secondStateDir) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    String appId = kafka.uniqueName("feedpipe-restart");
    FeedSource feed = new FeedSource("lesswrong-restart", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml"));
    served.set(fixture("feed.xml"));
    StreamsSettings first = settings(appId);
    try (StreamsApp streams = StreamsApp.start(first, bootstrap, Map.of());
        FeedProducer producer = new FeedProducer(localSettings(feed), Map.of("bootstrap.servers", bootstrap))) {
      assertThat(streams.awaitRunning(Duration.ofSeconds(60))).isTrue();
      producer.pollAllOnce();
      awaitCatchUp(bootstrap, appId);
    }
    long before = countFromFeed(bootstrap, "lesswrong-restart");
    assertThat(before).isEqualTo(20);

    // A new state directory: the dedupe store must come back from its changelog topic.
    StreamsSettings second = first.withStateDir(secondStateDir);
    try (StreamsApp streams = StreamsApp.start(second, bootstrap, Map.of());
        FeedProducer producer = new FeedProducer(localSettings(feed), Map.of("bootstrap.servers", bootstrap))) {
      assertThat(streams.awaitRunning(Duration.ofSeconds(60))).isTrue();
      producer.pollAllOnce();
      awaitCatchUp(bootstrap, appId);
    }
    assertThat(countFromFeed(bootstrap, "lesswrong-restart")).as("all 20 are exact repeats").isEqualTo(20);
  }

  /** The test server is on 127.0.0.1, which the producer refuses unless allow-listed. */
  private static ProducerSettings localSettings(FeedSource feed) {
    ProducerSettings defaults = ProducerSettings.defaults(List.of(feed));
    return defaults.toBuilder().fetch(defaults.fetch().withAddresses(io.feedpipe.producer.fetch.AddressPolicy.allowingLoopback())).build();
  }

  private StreamsSettings settings(String applicationId) {
    List<RouteRule> routes = List.of(
        new RouteRule("linkposts", Set.of(), Set.of(), Pattern.compile("^\\[Linkpost\\]")),
        new RouteRule("papers", Set.of(), Set.of(), Pattern.compile("^\\[Paper\\]")));
    return StreamsSettings.defaults(routes, stateDir).with(applicationId, StreamsSettings.DEFAULT_DEDUPE_RETENTION, 1);
  }

  private static void awaitCatchUp(String bootstrap, String applicationId) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      assertThat(CatchUp.await(admin, applicationId, FeedpipeTopics.RAW, Duration.ofMinutes(2)))
          .as("streams app %s processed all of posts.raw", applicationId).isTrue();
    }
  }

  private static long countFromFeed(String bootstrap, String feedId) {
    return values(bootstrap, FeedpipeTopics.CLEAN, CleanPost.class).stream().filter(p -> p.getFeedId().equals(feedId)).count();
  }

  private static <V extends org.apache.avro.specific.SpecificRecordBase> List<V> values(String bootstrap, String topic, Class<V> type) {
    return TopicReader.readAll(bootstrap, topic, AvroSerdes.deserializer(type)).stream().map(ConsumerRecord::value).toList();
  }

  private static <V> List<V> ofFeed(List<V> records, Function<V, String> feedId) {
    return records.stream().filter(r -> FEED_ID.equals(feedId.apply(r))).toList();
  }

  private static CleanPost byTitle(List<CleanPost> posts, String title) {
    return posts.stream().filter(p -> p.getTitle().equals(title)).findFirst()
        .orElseThrow(() -> new AssertionError("no post titled " + title + " among " + titles(posts)));
  }

  private static Set<String> titles(List<CleanPost> posts) {
    return posts.stream().map(CleanPost::getTitle).collect(Collectors.toSet());
  }

  private static Set<String> fixtureTitlesStartingWith(String prefix) throws IOException {
    String xml = new String(fixture("feed.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<item>\\s*<title><!\\[CDATA\\[(.*?)]]></title>").matcher(xml);
    Set<String> titles = new java.util.TreeSet<>();
    while (m.find()) {
      if (m.group(1).startsWith(prefix)) {
        titles.add(m.group(1));
      }
    }
    return titles;
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = LessWrongPipelineIT.class.getResourceAsStream("/fixtures/lesswrong/" + name)) {
      if (in == null) {
        throw new IOException("fixture missing: /fixtures/lesswrong/" + name);
      }
      return in.readAllBytes();
    }
  }
}

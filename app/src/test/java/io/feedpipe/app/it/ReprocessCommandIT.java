package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.feedpipe.app.cli.CliRun;
import io.feedpipe.app.config.ConfigLoader;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.ops.lag.CatchUp;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.AddressPolicy;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.StreamsApp;
import io.feedpipe.streams.topology.StreamsSettings;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New rules for old posts, on a real broker: the LessWrong fixture (three polls: 20 posts, 2 edits)
 * goes through the pipeline; then a boilerplate rule is added that strips the last paragraph of two
 * posts, and the papers route is widened to a third post. {@code reprocess --dry-run} says so and
 * writes nothing; {@code reprocess} with the Streams app restarted on the new rules gives exactly
 * those three posts revision n+1 saying why, the papers topic gains exactly the newly matching post,
 * and running it again changes nothing more.
 */
@KafkaCluster
class ReprocessCommandIT {
  private static final Logger log = LoggerFactory.getLogger(ReprocessCommandIT.class);

  static final String FEED_ID = "lesswrong";
  /** The last paragraph of "How Stealth Works" and of "Building an AI Oracle", and of no other fixture post. */
  static final String FOOTERS = "(To learn more, subscribe to .*|The code is on GitHub, and the model runs on HuggingFace Spaces\\.)";

  @TempDir Path dir;
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
  void newBoilerplateAndRouteRulesReachExactlyTheOldPostsTheyChangeOnce(KafkaClusterInfo kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    String prefix = kafka.uniqueName("rp") + ".";
    String appId = prefix + "feedpipe-streams";
    Path oldRules = Files.writeString(dir.resolve("old.yaml"), config(bootstrap, prefix, appId, "", "'^\\[Paper\\]'"));
    Path newRules = Files.writeString(dir.resolve("new.yaml"), config(bootstrap, prefix, appId, """
            - name: footers
              position: trailing-block
              text: '%s'
        """.formatted(FOOTERS), "'^\\[Paper\\]|[Tt]hermodynamics'"));
    FeedpipeConfig before = load(oldRules);
    FeedpipeTopics topics = before.topics();

    FeedSource feed = new FeedSource(FEED_ID, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml"));
    ProducerSettings producerSettings = before.producer().toBuilder().feeds(List.of(feed))
        .fetch(before.producer().fetch().withAddresses(AddressPolicy.allowingLoopback())).build();
    try (StreamsApp streams = StreamsApp.start(before.streamsSettings(), bootstrap, Map.of());
        FeedProducer producer = new FeedProducer(producerSettings, Map.of("bootstrap.servers", bootstrap))) {
      assertThat(streams.awaitRunning(Duration.ofSeconds(60))).as("streams running").isTrue();
      for (String poll : List.of("poll-1.xml", "poll-2.xml", "poll-3.xml")) {
        served.set(fixture(poll));
        producer.pollAllOnce();
      }
      awaitCatchUp(bootstrap, appId, topics.raw());
    }
    List<CleanPost> written = posts(bootstrap, topics.clean());
    assertThat(written).hasSize(22);
    Map<String, CleanPost> latest = latestByPost(written);
    Set<String> footerPosts = latest.values().stream().filter(p -> lastParagraphMatches(p.getText(), FOOTERS))
        .map(CleanPost::getTitle).collect(Collectors.toCollection(TreeSet::new));
    assertThat(footerPosts).containsExactly("Building an AI Oracle", "How Stealth Works");
    String newPaper = "Algorithmic thermodynamics and three types of optimization";
    assertThat(titles(posts(bootstrap, topics.route("papers")))).doesNotContain(newPaper).isNotEmpty();

    // --dry-run: judged here against the store's changelog; no topic grows.
    Map<TopicPartition, Long> endsBefore = ends(bootstrap, prefix);
    CliRun dryRun = CliRun.of("reprocess", "--config", newRules.toString(), "--feed", FEED_ID, "--dry-run", "--samples", "3");
    assertThat(dryRun.exitCode()).as("dry run; stderr:%n%s", dryRun.err()).isZero();
    log.info("reprocess --dry-run printed:\n{}", dryRun.out());
    assertThat(dryRun.out()).contains("dry run: 3 post(s) would get a new revision", "nothing was written")
        .contains("reprocessed: cleaning rules changed the text", "reprocessed: routes changed: +papers")
        .contains("- The code is on GitHub, and the model runs on HuggingFace Spaces.");
    assertThat(ends(bootstrap, prefix)).as("end offsets of every topic of the pipeline").isEqualTo(endsBefore);

    // The Streams app restarted on the new rules, the producer polling on; the run judges the posts there, once.
    FeedpipeConfig after = load(newRules);
    try (StreamsApp streams = StreamsApp.start(after.streamsSettings(), bootstrap, Map.of());
        FeedProducer producer = new FeedProducer(producerSettings, Map.of("bootstrap.servers", bootstrap))) {
      assertThat(streams.awaitRunning(Duration.ofSeconds(60))).as("streams running").isTrue();
      producer.pollAllOnce(); // live traffic: 20 repeats, before and during the run's records
      CliRun run = CliRun.of("reprocess", "--config", newRules.toString(), "--feed", "http://127.0.0.1:" + server.getAddress().getPort()
          + "/feed.xml", "--wait", "2m");
      assertThat(run.exitCode()).as("reprocess; stderr:%n%s", run.err()).isZero();
      log.info("reprocess printed:\n{}", run.out());
      assertThat(run.out()).contains("3 post(s) got a new revision");

      List<CleanPost> all = posts(bootstrap, topics.clean());
      assertThat(all).hasSize(written.size() + 3);
      List<CleanPost> revisions = all.stream().filter(p -> p.getRevision() > latest.get(p.getPostId()).getRevision()).toList();
      assertThat(revisions).hasSize(3)
          .allSatisfy(p -> assertThat(p.getRevision()).as(p.getTitle()).isEqualTo(latest.get(p.getPostId()).getRevision() + 1));
      assertThat(revisions.stream().collect(Collectors.toMap(CleanPost::getTitle, p -> p.getEdit().getSummary())))
          .hasSize(3)
          .hasEntrySatisfying("How Stealth Works", s -> assertThat(s).startsWith("reprocessed: cleaning rules changed the text (+0 -"))
          .hasEntrySatisfying("Building an AI Oracle", s -> assertThat(s).startsWith("reprocessed: cleaning rules changed the text (+0 -"))
          .containsEntry(newPaper, "reprocessed: routes changed: +papers");
      assertThat(byTitle(revisions, "Building an AI Oracle").getText()).doesNotContain("The code is on GitHub");
      List<CleanPost> papers = posts(bootstrap, topics.route("papers"));
      assertThat(papers.stream().filter(p -> p.getRevision() > latest.get(p.getPostId()).getRevision()).map(CleanPost::getTitle))
          .as("what the papers route gained").containsExactly(newPaper);
      assertThat(titles(posts(bootstrap, topics.updates()))).containsAll(footerPosts).contains(newPaper);

      CliRun again = CliRun.of("reprocess", "--config", newRules.toString(), "--feed", FEED_ID, "--wait", "2m");
      assertThat(again.exitCode()).as("again; stderr:%n%s", again.err()).isZero();
      assertThat(again.out()).contains("0 post(s) got a new revision");
      assertThat(posts(bootstrap, topics.clean())).as("nothing more").hasSize(written.size() + 3);
    }
  }

  private String config(String bootstrap, String prefix, String appId, String extraBoilerplate, String papersTitle) {
    return """
        kafka:
          bootstrap-servers: %s
        data-dir: %s
        topics:
          prefix: %s
          partitions: 2
        streams:
          application-id: %s
        cleaner:
          boilerplate:
            - name: lesswrong-published-on
              position: leading-block
              text: 'Published on [A-Z][a-z]+ \\d{1,2}, \\d{4} \\d{1,2}:\\d{2} [AP]M GMT'
            - name: lesswrong-discuss-link
              position: trailing-link
              text: Discuss
              href: '.*#comments'
        %s
        routes:
          - name: linkposts
            when: {title: '^\\[Linkpost\\]'}
          - name: papers
            when: {title: %s}
        """.formatted(bootstrap, dir.resolve("data"), prefix, appId, extraBoilerplate, papersTitle);
  }

  private FeedpipeConfig load(Path yaml) {
    return new ConfigLoader(dir).load(Optional.of(yaml));
  }

  private static boolean lastParagraphMatches(String text, String regex) {
    String[] paragraphs = text.strip().split("\n+");
    return Pattern.compile(regex).matcher(paragraphs[paragraphs.length - 1].strip()).matches();
  }

  private static void awaitCatchUp(String bootstrap, String group, String topic) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      assertThat(CatchUp.await(admin, group, topic, Duration.ofMinutes(2))).as("%s read all of %s", group, topic).isTrue();
    }
  }

  /** The end offset of every partition of every topic under {@code prefix}, internal ones included. */
  private static Map<TopicPartition, Long> ends(String bootstrap, String prefix) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Set<String> names = admin.listTopics().names().get().stream().filter(n -> n.startsWith(prefix)).collect(Collectors.toSet());
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(names).allTopicNames().get().forEach((name, d) ->
          d.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
      assertThat(ends).isNotEmpty();
      return ends;
    }
  }

  private static List<CleanPost> posts(String bootstrap, String topic) {
    return TopicReader.readAll(bootstrap, topic, AvroSerdes.deserializer(CleanPost.class)).stream().map(ConsumerRecord::value).toList();
  }

  private static Map<String, CleanPost> latestByPost(List<CleanPost> posts) {
    return posts.stream().collect(Collectors.toMap(CleanPost::getPostId, p -> p, (a, b) -> a.getRevision() >= b.getRevision() ? a : b));
  }

  private static Set<String> titles(List<CleanPost> posts) {
    return posts.stream().map(CleanPost::getTitle).collect(Collectors.toCollection(TreeSet::new));
  }

  private static CleanPost byTitle(List<CleanPost> posts, String title) {
    return posts.stream().filter(p -> p.getTitle().equals(title)).findFirst()
        .orElseThrow(() -> new AssertionError("no post titled " + title + " among " + titles(posts)));
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = ReprocessCommandIT.class.getResourceAsStream("/fixtures/lesswrong/" + name)) {
      if (in == null) {
        throw new IOException("fixture missing: /fixtures/lesswrong/" + name);
      }
      return in.readAllBytes();
    }
  }
}

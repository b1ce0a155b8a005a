package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.feedpipe.app.config.ConfigLoader;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.ops.lag.CatchUp;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing by configuration alone: a YAML file is loaded through {@link ConfigLoader}, the Streams
 * app runs from the resulting {@link FeedpipeConfig}, and the LessWrong fixture's posts land in the
 * route topics its rules name, including a combined rule writing to a topic of its own.
 */
@KafkaCluster
class RoutingConfigIT {

  @TempDir Path dir;

  @Test
  void lessWrongPostsLandInTheRouteTopicsTheConfiguredRulesName(KafkaClusterInfo kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    String feedId = "lw-routing";
    String appId = kafka.uniqueName("feedpipe-routing");
    String longReads = kafka.uniqueName("long-reads");
    Path yaml = Files.writeString(dir.resolve("feedpipe.yaml"), """
        streams:
          application-id: %s
        routes:
          - name: linkposts
            when: {title: '^\\[Linkpost\\]'}
          - name: papers
            when: {title: '^\\[Paper\\]'}
          - name: long-reads
            topic: %s
            when:
              all:
                - feed: %s
                - words: {min: 3000}
                - not: {title: '^\\[(Linkpost|Paper)\\]'}
                - revision: new
        """.formatted(appId, longReads, feedId));
    FeedpipeConfig config = new ConfigLoader(dir).load(Optional.of(yaml)).with(Optional.of(bootstrap), null, dir, null);
    StreamsSettings settings = config.streamsSettings();

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] feedXml = fixture("feed.xml");
    server.createContext("/feed.xml", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(200, feedXml.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(feedXml);
      }
    });
    server.start();
    FeedSource feed = new FeedSource(feedId, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml"));
    ProducerSettings defaults = ProducerSettings.defaults(List.of(feed));
    ProducerSettings producerSettings = defaults.toBuilder()
        .fetch(defaults.fetch().withAddresses(io.feedpipe.producer.fetch.AddressPolicy.allowingLoopback())).build();
    try (StreamsApp streams = StreamsApp.start(settings, bootstrap, Map.of());
        FeedProducer producer = new FeedProducer(producerSettings, Map.of("bootstrap.servers", bootstrap))) {
      assertThat(streams.awaitRunning(Duration.ofSeconds(60))).as("streams running").isTrue();
      producer.pollAllOnce();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        assertThat(CatchUp.await(admin, appId, FeedpipeTopics.RAW, Duration.ofMinutes(2))).as("caught up").isTrue();
      }
    } finally {
      server.stop(0);
    }

    List<CleanPost> clean = ofFeed(bootstrap, FeedpipeTopics.CLEAN, feedId);
    assertThat(clean).hasSize(20);
    assertThat(titles(ofFeed(bootstrap, "posts.route.linkposts", feedId)))
        .isNotEmpty().isEqualTo(fixtureTitlesStartingWith(feedXml, "[Linkpost]"));
    assertThat(titles(ofFeed(bootstrap, "posts.route.papers", feedId)))
        .isNotEmpty().isEqualTo(fixtureTitlesStartingWith(feedXml, "[Paper]"));
    Set<String> expectedLong = clean.stream()
        .filter(p -> p.getWordCount() >= 3000 && !p.getTitle().startsWith("[Linkpost]") && !p.getTitle().startsWith("[Paper]"))
        .map(CleanPost::getTitle).collect(Collectors.toCollection(TreeSet::new));
    assertThat(titles(ofFeed(bootstrap, longReads, feedId))).isNotEmpty().isEqualTo(expectedLong);

    // Enrichment, on the way: LessWrong's feed declares no language, so it is detected.
    assertThat(clean).allSatisfy(p -> {
      assertThat(p.getLanguage()).as(p.getTitle()).isEqualTo("en");
      assertThat(p.getLanguageSource()).isEqualTo("detected");
      assertThat(p.getReadingTimeMinutes()).isPositive();
      assertThat(p.getImages()).isNotNull();
    });
  }

  private static List<CleanPost> ofFeed(String bootstrap, String topic, String feedId) {
    return TopicReader.readAll(bootstrap, topic, AvroSerdes.deserializer(CleanPost.class)).stream()
        .map(ConsumerRecord::value).filter(p -> p.getFeedId().equals(feedId)).toList();
  }

  private static Set<String> titles(List<CleanPost> posts) {
    return posts.stream().map(CleanPost::getTitle).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> fixtureTitlesStartingWith(byte[] feedXml, String prefix) {
    Matcher m = Pattern.compile("<item>\\s*<title><!\\[CDATA\\[(.*?)]]></title>").matcher(new String(feedXml, StandardCharsets.UTF_8));
    Set<String> titles = new TreeSet<>();
    while (m.find()) {
      if (m.group(1).startsWith(prefix)) {
        titles.add(m.group(1));
      }
    }
    return titles;
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = RoutingConfigIT.class.getResourceAsStream("/fixtures/lesswrong/" + name)) {
      if (in == null) {
        throw new IOException("fixture missing: /fixtures/lesswrong/" + name);
      }
      return in.readAllBytes();
    }
  }
}

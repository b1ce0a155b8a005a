package io.feedpipe.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  FeedpipeConfig load(String yaml) throws IOException {
    Path file = dir.resolve("feedpipe.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader(Path.of("/opt/feedpipe")).load(Optional.of(file));
  }

  @Test
  void defaultsPollTheBundledLessWrongSampleOnTheEmbeddedBroker() {
    FeedpipeConfig config = new ConfigLoader(Path.of("/opt/feedpipe")).load(Optional.empty());
    assertThat(config.embeddedBroker()).isTrue();
    assertThat(config.brokerPort()).isEqualTo(9092);
    assertThat(config.producer().feeds()).singleElement().satisfies(feed -> {
      assertThat(feed.id()).isEqualTo("lesswrong");
      assertThat(feed.url().toString()).isEqualTo("file:///opt/feedpipe/fixtures/lesswrong/feed.xml");
    });
    assertThat(config.producer().pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.producer().maxBodyBytes()).isEqualTo(15L * 1024 * 1024);
    assertThat(config.dedupeRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(config.streamsSettings().rocksDbMemory()).isEqualTo(64L * 1024 * 1024);
    assertThat(config.streamsSettings().maxPostSize()).isEqualTo(900L * 1024);
    assertThat(config.routes()).extracting(r -> r.name()).containsExactly("linkposts", "papers");
    assertThat(config.topics().all()).extracting(t -> t.name())
        .contains("posts.raw", "posts.clean", "posts.updates", "posts.dlq", "feeds.status", "posts.route.linkposts", "posts.route.papers");
  }

  @Test
  void userFileOverridesSomeSettingsAndKeepsTheOthers() throws IOException {
    FeedpipeConfig config = load("""
        kafka:
          bootstrap-servers: kafka1:9092
        producer:
          poll-interval: PT10M
        feeds:
          - url: local/feed.xml
          - id: lw
            url: https://www.lesswrong.com/feed.xml
        routes: []
        """);
    assertThat(config.bootstrapServers()).contains("kafka1:9092");
    assertThat(config.producer().pollInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.producer().fetchTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.producer().feeds()).hasSize(2);
    assertThat(config.producer().feeds().get(0).url().toString()).isEqualTo(dir.resolve("local/feed.xml").toUri().toString());
    assertThat(config.producer().feeds().get(1).id()).isEqualTo("lw");
    assertThat(config.routes()).isEmpty();
  }

  @Test
  void misspelledSettingIsAnErrorNamingItAndTheKnownOnes() {
    assertThatThrownBy(() -> load("producer:\n  poll-intervall: 5m\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("producer.poll-intervall is not a setting")
        .hasMessageContaining("poll-interval");
  }

  @Test
  void badValuesNameTheSettingAndWhatIsAllowed() throws IOException {
    assertThatThrownBy(() -> load("producer:\n  poll-interval: often\n"))
        .hasMessageContaining("producer.poll-interval 'often' is not a duration");
    assertThatThrownBy(() -> load("broker:\n  port: 70000\n"))
        .hasMessageContaining("broker.port must be between 1 and 65535, got 70000");
    assertThatThrownBy(() -> load("routes:\n  - name: bad\n    title: '[unclosed'\n"))
        .hasMessageContaining("routes[0].title is not a valid regular expression");
    assertThatThrownBy(() -> load("feeds:\n  - url: ftp://example.org/feed\n"))
        .hasMessageContaining("feeds[0]").hasMessageContaining("ftp://example.org/feed");
    assertThatThrownBy(() -> load("feeds:\n  - {id: a, url: https://a.example/f}\n  - {id: a, url: https://b.example/f}\n"))
        .hasMessageContaining("id 'a' is used by two feeds");
    assertThatThrownBy(() -> load("streams:\n  rocksdb-memory: 1MB\n"))
        .hasMessageContaining("streams.rocksdb-memory must be at least 8MB");
    assertThatThrownBy(() -> load("streams:\n  rocksdb-memory: 9000000000GB\n"))
        .hasMessageContaining("streams.rocksdb-memory").hasMessageContaining("too large");
    assertThat(load("streams:\n  rocksdb-memory: 256MB\n").streamsSettings().rocksDbMemory()).isEqualTo(256L * 1024 * 1024);
    assertThatThrownBy(() -> load("streams:\n  max-post-size: 10KB\n"))
        .hasMessageContaining("streams.max-post-size must be between 64KB and 512MB");
    assertThat(load("streams:\n  max-post-size: 2MB\n").streamsSettings().maxPostSize()).isEqualTo(2L * 1024 * 1024);
  }

  @Test
  void invalidYamlNamesTheFileAndLine() {
    assertThatThrownBy(() -> load("producer:\n  poll-interval: [\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("feedpipe.yaml: not valid YAML");
  }

  @Test
  void durationsAcceptShortAndIsoForms() {
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(DurationText.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationText.format(Duration.ofMinutes(5))).isEqualTo("5m");
  }

  @Test
  void topicsPrefixNamesEveryTopicTheProducerAndTheStreamsApplicationId() throws IOException {
    FeedpipeConfig config = load("""
        topics:
          prefix: news.
        """);
    assertThat(config.topics().clean()).isEqualTo("news.posts.clean");
    assertThat(config.topics().all()).extracting(t -> t.name()).allMatch(name -> name.startsWith("news."))
        .contains("news.posts.route.linkposts");
    assertThat(config.producer().rawTopic()).isEqualTo("news.posts.raw");
    assertThat(config.producer().statusTopic()).isEqualTo("news.feeds.status");
    assertThat(config.producer().configTopic()).isEqualTo("news.feeds.config");
    assertThat(config.producer().stateTopic()).isEqualTo("news.feeds.state");
    assertThat(config.applicationId()).isEqualTo("news.feedpipe-streams");
    assertThat(config.streamsSettings().topics().prefix()).isEqualTo("news.");
  }

  @Test
  void withoutPrefixNamesAndApplicationIdAreAsBefore() {
    FeedpipeConfig config = new ConfigLoader(Path.of("/opt/feedpipe")).load(Optional.empty());
    assertThat(config.topics().prefix()).isEmpty();
    assertThat(config.producer().rawTopic()).isEqualTo("posts.raw");
    assertThat(config.applicationId()).isEqualTo("feedpipe-streams");
  }

  @Test
  void explicitApplicationIdIsKeptUnderAPrefix() throws IOException {
    FeedpipeConfig config = load("""
        topics:
          prefix: news.
        streams:
          application-id: my-streams
        """);
    assertThat(config.applicationId()).isEqualTo("my-streams");
  }

  @Test
  void refusesPrefixKafkaWouldRefuseNamingTheSetting() {
    assertThatThrownBy(() -> load("""
        topics:
          prefix: "news/"
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("topics.prefix 'news/' may hold only letters");
  }
}

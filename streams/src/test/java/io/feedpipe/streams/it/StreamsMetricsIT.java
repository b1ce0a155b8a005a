package io.feedpipe.streams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.StreamsApp;
import io.feedpipe.streams.topology.StreamsSettings;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Streams metrics of a running app on a real broker: the registry given to {@link StreamsApp}
 * reaches the topology and, through the Streams configuration, the dead-letter handlers Kafka
 * creates itself; the RocksDB gauges follow the shared cache.
 */
@KafkaCluster
class StreamsMetricsIT {

  @TempDir Path stateDir;

  @Test
  void aRunningAppCountsPostsDeadLettersByReasonAndRocksDbMemory(KafkaClusterInfo kafka) throws Exception {
    String prefix = kafka.uniqueName("metrics") + ".";
    StreamsSettings defaults = StreamsSettings.defaults(List.of(), stateDir);
    StreamsSettings settings = defaults.withTopics(defaults.topics().withPrefix(prefix))
        .with(StreamsSettings.defaultApplicationId(prefix), defaults.dedupeRetention(), 1);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    String raw = settings.topics().raw();
    try (StreamsApp app = StreamsApp.start(settings, kafka.bootstrapServers(), Map.of(), registry);
        var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(), new ByteArraySerializer())) {
      assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
      byte[] first = AvroSerdes.serializer(FetchedPost.class).serialize(raw, post("<p>Hello.</p>"));
      byte[] edit = AvroSerdes.serializer(FetchedPost.class).serialize(raw, post("<p>Hello again.</p>"));
      producer.send(new ProducerRecord<>(raw, 0, "x:1", first)).get();
      producer.send(new ProducerRecord<>(raw, 0, "x:1", first)).get();
      producer.send(new ProducerRecord<>(raw, 0, "x:garbage", "not avro".getBytes(StandardCharsets.UTF_8))).get();
      producer.send(new ProducerRecord<>(raw, 0, "x:wrong-key", first)).get();
      producer.send(new ProducerRecord<>(raw, 0, "x:1", edit)).get();

      Awaitility.await("the app counts the records").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        assertThat(count(registry, "feedpipe.streams.posts", "outcome", "edit")).isEqualTo(1);
        assertThat(count(registry, "feedpipe.streams.posts.in")).isEqualTo(4);
        assertThat(count(registry, "feedpipe.streams.posts", "outcome", "new")).isEqualTo(1);
        assertThat(count(registry, "feedpipe.streams.posts", "outcome", "repeat")).isEqualTo(1);
        assertThat(count(registry, "feedpipe.streams.dlq.records", "reason", "undecodable")).isEqualTo(1);
        assertThat(count(registry, "feedpipe.streams.dlq.records", "reason", "processing_failed")).isEqualTo(1);
      });
      assertThat(registry.get("feedpipe.streams.end.to.end.latency").tag("from", "fetched").timer().count()).isEqualTo(2);
      assertThat(registry.get("feedpipe.streams.rocksdb.memory.capacity").gauge().value())
          .isEqualTo(StreamsSettings.DEFAULT_ROCKSDB_MEMORY);
      assertThat(registry.get("feedpipe.streams.rocksdb.memory.used").gauge().value()).as("the store's memtable is charged").isPositive();
    }
  }

  private static double count(SimpleMeterRegistry registry, String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private static FetchedPost post(String html) {
    Instant at = Instant.parse("2025-12-08T18:00:00Z");
    return FetchedPost.newBuilder().setPostId("x:1").setFeedId("x").setFeedUrl("https://example.org/feed")
        .setEntryGuid("1").setLink("https://example.org/1").setTitle("One").setAuthors(List.of()).setCategories(List.of())
        .setPublishedAt(at).setUpdatedAt(null).setContentHtml(html).setSummaryHtml(null).setLanguage(null)
        .setFetchedAt(at).setFetchId("f").build();
  }
}

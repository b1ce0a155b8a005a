package io.feedpipe.streams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.StreamsApp;
import io.feedpipe.streams.topology.StreamsSettings;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Poison records on a real broker: they land in posts.dlq with their source, and the app keeps going. */
@KafkaCluster
class DeadLetterIT {

  @TempDir Path stateDir;

  @Test
  void poisonRecordsGoToTheDeadLetterTopicWithTheirSourceAndTheAppKeepsRunning(KafkaClusterInfo kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir);
    try (StreamsApp app = StreamsApp.start(settings, bootstrap, Map.of());
        var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(), new ByteArraySerializer())) {
      assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
      byte[] good = AvroSerdes.serializer(FetchedPost.class).serialize(FeedpipeTopics.RAW, post());
      byte[] unknownFingerprint = good.clone();
      for (int i = 2; i < 10; i++) {
        unknownFingerprint[i] = 0x5A;
      }
      producer.send(new ProducerRecord<>(FeedpipeTopics.RAW, 0, "x:garbage", "not avro".getBytes(StandardCharsets.UTF_8))).get();
      producer.send(new ProducerRecord<>(FeedpipeTopics.RAW, 0, "x:newer", unknownFingerprint)).get();
      producer.send(new ProducerRecord<>(FeedpipeTopics.RAW, 0, "x:wrong-key", good)).get(); // key differs from postId
      producer.send(new ProducerRecord<>(FeedpipeTopics.RAW, 0, "x:1", good)).get();

      // Only this test's records: other tests of this JVM share the cluster and its topics.
      List<ConsumerRecord<byte[], byte[]>> dead = readAtLeast(bootstrap, FeedpipeTopics.DLQ, 3, Set.of("x:garbage", "x:newer", "x:wrong-key"));
      assertThat(dead).hasSize(3);
      assertThat(dead).extracting(r -> header(r, "__streams.errors.topic")).containsOnly(FeedpipeTopics.RAW);
      assertThat(dead).extracting(r -> header(r, "__streams.errors.partition")).containsOnly("0");
      assertThat(dead).extracting(r -> header(r, "__streams.errors.offset")).containsExactly("0", "1", "2");
      assertThat(header(dead.get(0), "__streams.errors.message")).contains("not an Avro single-object encoded FetchedPost");
      assertThat(header(dead.get(1), "__streams.errors.message")).contains("unknown schema fingerprint 5a5a5a5a5a5a5a5a");
      assertThat(header(dead.get(2), "__streams.errors.message")).contains("differs from its postId");
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not avro");

      List<ConsumerRecord<byte[], byte[]>> clean = readAtLeast(bootstrap, FeedpipeTopics.CLEAN, 1, Set.of("x:1"));
      assertThat(clean).hasSize(1);
      CleanPost post = AvroSerdes.deserializer(CleanPost.class).deserialize(FeedpipeTopics.CLEAN, clean.get(0).value());
      assertThat(post.getPostId()).isEqualTo("x:1");
      assertThat(app.state().isRunningOrRebalancing()).isTrue();
    }
  }

  private static FetchedPost post() {
    Instant now = Instant.parse("2025-12-08T18:00:00Z");
    return FetchedPost.newBuilder().setPostId("x:1").setFeedId("x").setFeedUrl("https://example.org/feed")
        .setEntryGuid("1").setLink("https://example.org/1").setTitle("One").setAuthors(List.of()).setCategories(List.of())
        .setPublishedAt(now).setUpdatedAt(null).setContentHtml("<p>Hello.</p>").setSummaryHtml(null).setLanguage(null)
        .setFetchedAt(now).setFetchId("f").build();
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAtLeast(String bootstrap, String topic, int count, Set<String> keys) {
    Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.GROUP_ID_CONFIG, "dlq-it-" + topic);
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> keep(r, keys, records));
      }
      // a little longer, to catch records that should not be there
      consumer.poll(Duration.ofSeconds(1)).forEach(r -> keep(r, keys, records));
      return records;
    }
  }

  private static void keep(ConsumerRecord<byte[], byte[]> record, Set<String> keys, List<ConsumerRecord<byte[], byte[]>> into) {
    if (record.key() != null && keys.contains(new String(record.key(), StandardCharsets.UTF_8))) {
      into.add(record);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}

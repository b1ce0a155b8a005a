package io.feedpipe.producer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.Fixtures;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer against a real (embedded) broker: what it writes can be read back and decoded. */
@KafkaCluster
class FeedProducerIT {

  @Test
  void onePollOfAFeedWritesItsPostsAndOneStatusThatReadBack(KafkaClusterInfo kafka) throws Exception {
    String rawTopic = kafka.uniqueName("posts.raw");
    String statusTopic = kafka.uniqueName("feeds.status");
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(rawTopic, 3, (short) 1), new NewTopic(statusTopic, 1, (short) 1))).all().get();
    }
    FeedSource feed = FeedSource.fromUrl(Fixtures.fileUri("fixtures/lesswrong/poll-1.xml").toString());
    ProducerSettings d = ProducerSettings.defaults(List.of(feed));
    ProducerSettings settings = new ProducerSettings(
        d.feeds(), d.pollInterval(), d.fetchTimeout(), d.maxBodyBytes(), d.userAgent(), rawTopic, statusTopic);

    PollSummary summary;
    try (FeedProducer producer = new FeedProducer(settings, Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      summary = producer.pollAllOnce();
    }

    assertThat(summary).isEqualTo(new PollSummary(1, 16, Map.of(FetchOutcome.FETCHED, 1)));
    List<ConsumerRecord<String, FetchedPost>> posts = readAll(kafka, rawTopic, AvroSerdes.deserializer(FetchedPost.class), 16);
    List<ConsumerRecord<String, FeedStatus>> statuses = readAll(kafka, statusTopic, AvroSerdes.deserializer(FeedStatus.class), 1);
    assertThat(posts).hasSize(16).allSatisfy(record -> {
      assertThat(record.key()).isEqualTo(record.value().getPostId()).startsWith("poll-1:");
      assertThat(record.value().getContentHtml()).startsWith("Published on");
    });
    assertThat(posts).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
    assertThat(statuses).singleElement().satisfies(record -> {
      assertThat(record.key()).isEqualTo("poll-1");
      assertThat(record.value().getOutcome()).isEqualTo(FetchOutcome.FETCHED);
      assertThat(record.value().getItemCount()).isEqualTo(16);
      assertThat(record.value().getFetchId()).isEqualTo(posts.get(0).value().getFetchId());
    });
  }

  @Test
  void anEntryTheBrokerRefusesIsNamedInTheStatusWhileTheOtherEntriesArrive(KafkaClusterInfo kafka, @TempDir Path dir) throws Exception {
    String rawTopic = kafka.uniqueName("posts.raw");
    String statusTopic = kafka.uniqueName("feeds.status");
    try (Admin admin = kafka.admin()) {
      // One partition, so the refused record shares a batch with the others; a topic limit far
      // below the producer's own record budget, as when a topic was configured tighter.
      NewTopic raw = new NewTopic(rawTopic, 1, (short) 1).configs(Map.of("max.message.bytes", "100000"));
      admin.createTopics(List.of(raw, new NewTopic(statusTopic, 1, (short) 1))).all().get();
    }
    // Random letters: the producer compresses batches, and a repeated letter would shrink to nothing.
    java.util.Random random = new java.util.Random(42);
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      letters.append((char) ('a' + random.nextInt(26)));
    }
    String big = "<p>" + letters + "</p>";
    Path file = dir.resolve("refusal.xml");
    Files.writeString(file, """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>t</title><link>https://example.org/</link><description>d</description>
        <item><guid>g1</guid><title>one</title><description>small</description></item>
        <item><guid>g2</guid><title>two</title><description>%s</description></item>
        <item><guid>g3</guid><title>three</title><description>small</description></item>
        </channel></rss>
        """.formatted(big.replace("<", "&lt;")));
    FeedSource feed = FeedSource.fromUrl(file.toUri().toString());
    ProducerSettings settings = ProducerSettings.builder().feeds(List.of(feed)).rawTopic(rawTopic).statusTopic(statusTopic).build();

    PollSummary summary;
    try (FeedProducer producer = new FeedProducer(settings, Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      summary = producer.pollAllOnce(); // does not throw: one refused entry does not fail the feed
    }

    assertThat(summary).isEqualTo(new PollSummary(1, 2, Map.of(FetchOutcome.FETCHED, 1)));
    List<ConsumerRecord<String, FetchedPost>> posts = readAll(kafka, rawTopic, AvroSerdes.deserializer(FetchedPost.class), 2);
    assertThat(posts).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("refusal:g1", "refusal:g3");
    List<ConsumerRecord<String, FeedStatus>> statuses = readAll(kafka, statusTopic, AvroSerdes.deserializer(FeedStatus.class), 1);
    assertThat(statuses).singleElement().satisfies(record -> {
      FeedStatus status = record.value();
      assertThat(status.getOutcome()).isEqualTo(FetchOutcome.FETCHED);
      assertThat(status.getError()).contains("1 of 3 entries not written", "refusal:g2", "RecordTooLargeException");
      assertThat(status.getNotes()).anySatisfy(note -> assertThat(note).startsWith("entry refusal:g2 not written: RecordTooLargeException"));
    });
  }

  /** Reads the topic from the start until {@code expected} records came, then a little longer to catch extras. */
  private static <V> List<ConsumerRecord<String, V>> readAll(KafkaClusterInfo kafka, String topic, Deserializer<V> values, int expected) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      int emptyPollsAfterExpected = 0;
      while (System.nanoTime() < deadline && emptyPollsAfterExpected < 2) {
        int before = records.size();
        consumer.poll(Duration.ofMillis(250)).forEach(records::add);
        if (records.size() >= expected && records.size() == before) {
          emptyPollsAfterExpected++;
        }
      }
    }
    return records;
  }
}

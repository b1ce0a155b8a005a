package io.feedpipe.streams.it;

import io.feedpipe.schemas.topics.DeadLetterHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.StreamsApp;
import io.feedpipe.streams.deadletter.DeadLetters;
import io.feedpipe.schemas.topics.TopicCreator;
import io.feedpipe.streams.topology.PostTooLargeException;
import io.feedpipe.streams.topology.RecordRefusedException;
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
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Posts too large for their topic on a real broker, under exactly-once: a post that cannot be made
 * to fit goes to posts.dlq with the reason, the posts around it in the same partition reach
 * posts.clean exactly once, and no stream thread dies; and a budget over a topic's limit (which
 * would let the broker refuse records, aborting whole transactions) fails at start. Topic limits
 * changed here are restored afterwards: the cluster is shared with the other tests of this JVM.
 */
@KafkaCluster
class RefusedRecordIT {

  @TempDir Path stateDir;

  @Test
  void postThatCannotFitIsDeadLetteredAndItsPartitionGoesOn(KafkaClusterInfo kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    String run = UUID.randomUUID().toString().substring(0, 8);
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir)
        .with("refused-record-it-" + run, StreamsSettings.DEFAULT_DEDUPE_RETENTION, 1);
    // A title of ~950 KB: titles are not cut, so its CleanPost cannot get under the 900 KB budget.
    FetchedPost big = FetchedPost.newBuilder(post("big-" + run, "<p>Big.</p>")).setTitle(randomWords(950_000)).build();
    List<FetchedPost> posts = List.of(post("before-" + run, "<p>Before.</p>"), big, post("after-" + run, "<p>After.</p>"));
    try (StreamsApp app = StreamsApp.start(settings, bootstrap, Map.of());
        var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(), new ByteArraySerializer())) {
      assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
      runPosts(app, producer, bootstrap, run, posts);
    }
  }

  @Test
  void recordTheBrokerRefusesAfterALimitWasLoweredIsDeadLetteredOnItsNextAttempt(KafkaClusterInfo kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    String run = UUID.randomUUID().toString().substring(0, 8);
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir)
        .with("refused-record-it-" + run, StreamsSettings.DEFAULT_DEDUPE_RETENTION, 1);
    // ~300 KB of words that do not compress: within the budget, over the limit set below.
    FetchedPost mid = post("mid-" + run, "<p>" + randomWords(300_000) + "</p>");
    List<FetchedPost> posts = List.of(post("before-" + run, "<p>Before.</p>"), mid, post("after-" + run, "<p>After.</p>"));
    // Short timeouts: the commit of the transaction with the refused record gives up (max.block.ms),
    // its thread fails and the group rebalances in seconds rather than the defaults' minute (the
    // behaviour is the same).
    Map<String, String> quickRecovery = Map.of(StreamsConfig.producerPrefix(ProducerConfig.MAX_BLOCK_MS_CONFIG), "5000",
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "5000",
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000",
        StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1000");
    try (StreamsApp app = StreamsApp.start(settings, bootstrap, quickRecovery);
        Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(), new ByteArraySerializer())) {
      assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
      setCleanTopicLimit(admin, "131072"); // lowered while the app runs: the start-up check cannot see it
      try {
        for (FetchedPost post : posts) {
          byte[] value = AvroSerdes.serializer(FetchedPost.class).serialize(FeedpipeTopics.RAW, post);
          producer.send(new ProducerRecord<>(FeedpipeTopics.RAW, 4, post.getPostId(), value)).get();
        }
        try (var cleanReader = reader(bootstrap, FeedpipeTopics.CLEAN, run); var dlqReader = reader(bootstrap, FeedpipeTopics.DLQ, run)) {
          List<ConsumerRecord<String, byte[]>> clean = new ArrayList<>();
          List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
          // The aborted transaction fails the thread when it times out, then the group rebalances.
          await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            cleanReader.poll(Duration.ofMillis(100)).forEach(r -> keep(r, run, clean));
            dlqReader.poll(Duration.ofMillis(100)).forEach(r -> keep(r, run, dead));
            assertThat(clean).extracting(ConsumerRecord::key).contains("x:before-" + run, "x:after-" + run);
            assertThat(dead).extracting(ConsumerRecord::key).contains("x:mid-" + run);
          });
          cleanReader.poll(Duration.ofSeconds(1)).forEach(r -> keep(r, run, clean));
          dlqReader.poll(Duration.ofMillis(500)).forEach(r -> keep(r, run, dead));
          assertThat(clean).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("x:before-" + run, "x:after-" + run);
          assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(RecordRefusedException.class.getName());
            assertThat(header(letter, DeadLetterHeaders.MESSAGE)).startsWith("the record for posts.clean (")
                .contains("was refused: RecordTooLargeException").endsWith("; not sent again");
            assertThat(header(letter, DeadLetterHeaders.PARTITION)).isEqualTo("4");
          });
        }
        // The refusal aborted one transaction and its thread; the next attempt dead-lettered the record.
        assertThat(app.threadsReplaced()).isLessThanOrEqualTo(1);
        assertThat(app.state().isRunningOrRebalancing()).isTrue();
      } finally {
        setCleanTopicLimit(admin, null);
      }
    }
  }

  @Test
  void budgetOverATopicsLimitFailsAtStart(KafkaClusterInfo kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir)
        .with("refused-record-it-" + UUID.randomUUID().toString().substring(0, 8), StreamsSettings.DEFAULT_DEDUPE_RETENTION, 1);
    try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      new TopicCreator(admin).ensure(settings.allTopics());
      setCleanTopicLimit(admin, "131072");
      try {
        assertThatThrownBy(() -> StreamsApp.start(settings, bootstrap, Map.of()).close())
            .hasMessageContaining("streams.max-post-size (921600 bytes)").hasMessageContaining("posts.clean's max.message.bytes (131072)");
      } finally {
        setCleanTopicLimit(admin, null);
      }
    }
  }

  private void runPosts(StreamsApp app, KafkaProducer<String, byte[]> producer, String bootstrap, String run, List<FetchedPost> posts)
      throws Exception {
      List<Long> offsets = new ArrayList<>();
      for (FetchedPost post : posts) {
        byte[] value = AvroSerdes.serializer(FetchedPost.class).serialize(FeedpipeTopics.RAW, post);
        // Partition 5: DeadLetterIT, which shares the cluster, counts offsets on partition 0.
        RecordMetadata sent = producer.send(new ProducerRecord<>(FeedpipeTopics.RAW, 5, post.getPostId(), value)).get();
        offsets.add(sent.offset());
      }

      try (var cleanReader = reader(bootstrap, FeedpipeTopics.CLEAN, run); var dlqReader = reader(bootstrap, FeedpipeTopics.DLQ, run)) {
        List<ConsumerRecord<String, byte[]>> clean = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
          cleanReader.poll(Duration.ofMillis(100)).forEach(r -> keep(r, run, clean));
          dlqReader.poll(Duration.ofMillis(100)).forEach(r -> keep(r, run, dead));
          assertThat(clean).extracting(ConsumerRecord::key).contains("x:before-" + run, "x:after-" + run);
          assertThat(dead).extracting(ConsumerRecord::key).contains("x:big-" + run);
        });
        // A last read: nothing more may come (a duplicate, a second dead letter).
        cleanReader.poll(Duration.ofSeconds(1)).forEach(r -> keep(r, run, clean));
        dlqReader.poll(Duration.ofMillis(500)).forEach(r -> keep(r, run, dead));

        assertThat(clean).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("x:before-" + run, "x:after-" + run);
        CleanPost after = AvroSerdes.deserializer(CleanPost.class).deserialize(FeedpipeTopics.CLEAN,
            clean.stream().filter(r -> r.key().startsWith("x:after")).findFirst().orElseThrow().value());
        assertThat(after.getText()).isEqualTo("After.");

        assertThat(dead).hasSize(1);
        ConsumerRecord<String, byte[]> letter = dead.get(0);
        assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(PostTooLargeException.class.getName());
        assertThat(header(letter, DeadLetterHeaders.MESSAGE)).startsWith("post x:big-" + run + ": its CleanPost is ")
            .contains("over streams.max-post-size (921600 bytes)");
        assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(FeedpipeTopics.RAW);
        assertThat(header(letter, DeadLetterHeaders.PARTITION)).isEqualTo("5");
        assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo(Long.toString(offsets.get(1)));
        // The source value (~900 KB) is referenced, not copied; the stack trace is bounded.
        assertThat(letter.value()).isNull();
        assertThat(header(letter, DeadLetters.VALUE_OMITTED_HEADER)).isNotNull();
        assertThat(letter.headers().lastHeader(DeadLetterHeaders.STACKTRACE).value().length).isLessThanOrEqualTo(DeadLetters.MAX_TEXT_BYTES);
      }
      assertThat(app.threadsReplaced()).isZero();
      assertThat(app.state().isRunningOrRebalancing()).isTrue();
  }

  /** Sets (or, with null, removes) posts.clean's max.message.bytes and waits until the broker has it. */
  private static void setCleanTopicLimit(Admin admin, String bytes) throws Exception {
    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, FeedpipeTopics.CLEAN);
    AlterConfigOp op = bytes == null
        ? new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE)
        : new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes), AlterConfigOp.OpType.SET);
    admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ConfigEntry entry = admin.describeConfigs(List.of(topic)).all().get().get(topic).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (bytes == null) {
        assertThat(entry.source()).isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
      } else {
        assertThat(entry.value()).isEqualTo(bytes);
      }
    });
  }

  private static void keep(ConsumerRecord<String, byte[]> record, String run, List<ConsumerRecord<String, byte[]>> into) {
    if (record.key() != null && record.key().endsWith(run)) {
      into.add(record);
    }
  }

  /** Random letters in words of seven: text that neither compresses nor gets shorter when cleaned. */
  private static String randomWords(int length) {
    Random random = new Random(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder(length);
    while (sb.length() < length) {
      for (int c = 0; c < 7; c++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      sb.append(' ');
    }
    return sb.toString();
  }

  private static FetchedPost post(String guid, String html) {
    Instant now = Instant.parse("2025-12-08T18:00:00Z");
    return FetchedPost.newBuilder().setPostId("x:" + guid).setFeedId("x").setFeedUrl("https://example.org/feed")
        .setEntryGuid(guid).setLink("https://example.org/" + guid).setTitle(guid).setAuthors(List.of()).setCategories(List.of())
        .setPublishedAt(now).setUpdatedAt(null).setContentHtml(html).setSummaryHtml(null).setLanguage("en")
        .setFetchedAt(now).setFetchId("f").build();
  }

  private static KafkaConsumer<String, byte[]> reader(String bootstrap, String topic, String run) {
    Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.GROUP_ID_CONFIG, "refused-record-it-" + topic + "-" + run);
    var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}

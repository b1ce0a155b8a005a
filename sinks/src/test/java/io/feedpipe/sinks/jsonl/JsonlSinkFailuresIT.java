package io.feedpipe.sinks.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.client.FeedpipeTopic;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.testsupport.SamplePosts;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive sink on the embedded broker: records it cannot hold among records it can, and an archive it cannot write for a while. */
@KafkaCluster
class JsonlSinkFailuresIT {
  static final int MAX_LINE_BYTES = 4096;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void recordOverTheLineBoundGoesToTheRejectsFileEveryOtherRecordIsArchivedOnceAndTheSinkGoesOn(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("posts.route.hostile"); // a posts.route.* topic: values decode as CleanPost
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
    }
    CleanPost huge = CleanPost.newBuilder(SamplePosts.cleanPost("f:huge", 1)).setText("x".repeat(3 * MAX_LINE_BYTES)).build();
    List<byte[]> values = new ArrayList<>();
    values.add(encode(SamplePosts.cleanPost("f:good-0", 1)));
    // hostile for PostgreSQL, harmless here: JSON escapes NUL, ISO-8601 has years past 9999
    values.add(encode(CleanPost.newBuilder(SamplePosts.cleanPost("f:nul", 1)).setAuthors(List.of("Ada\u0000Lovelace")).setTitle("\u0000").build()));
    values.add(encode(huge));
    values.add(encode(CleanPost.newBuilder(SamplePosts.cleanPost("f:year-300000", 1)).setPublishedAt(Instant.parse("+300000-01-01T00:00:00Z")).build()));
    values.add(new byte[] {1, 2, 3}); // does not decode: archived as bytes with the error, as before
    values.add(encode(SamplePosts.cleanPost("f:good-1", 1)));
    values.add(encode(huge));
    values.add(encode(SamplePosts.cleanPost("f:good-2", 1)));
    produce(kafka, topic, values);

    JsonlSinkSettings settings = new JsonlSinkSettings(dir, List.of(topic), kafka.uniqueName("jsonl"), null,
        JsonlSinkSettings.DEFAULT_ROLL_BYTES, JsonlSinkSettings.DEFAULT_ROLL_INTERVAL, MAX_LINE_BYTES);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JsonlSink sink = new JsonlSink(settings, Map.of("bootstrap.servers", kafka.bootstrapServers()), FeedpipeTopics.defaults(List.of()),
        registry);
    Thread thread = new Thread(sink, "sink-jsonl");
    thread.start();
    try {
      awaitHandled(sink, thread, 6, 2);
      produce(kafka, topic, List.of(encode(SamplePosts.cleanPost("f:later", 1))));
      awaitHandled(sink, thread, 7, 2);
    } finally {
      assertThat(sink.stopAndAwait(Duration.ofSeconds(30))).isTrue();
      thread.join();
    }

    // Lines count as written once their file is finished (here, at the stop): then they are durable.
    assertThat(registry.get("feedpipe.sink.records.written").tag("sink", "jsonl").counter().count()).isEqualTo(7);
    assertThat(registry.get("feedpipe.sink.records.rejected").tags("sink", "jsonl", "reason", "line_too_long").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("feedpipe.sink.batch.duration").tag("sink", "jsonl").timer().count()).isPositive();
    assertThat(registry.get("feedpipe.sink.last.commit.age").tag("sink", "jsonl").gauge().value()).isGreaterThanOrEqualTo(0);

    Path topicDir = dir.resolve(topic);
    List<JsonNode> lines = archivedLines(topicDir);
    assertThat(lines).extracting(l -> l.get("offset").asLong()).containsExactly(0L, 1L, 3L, 4L, 5L, 7L, 8L);
    assertThat(lines.get(1).get("value").get("authors").get(0).asText()).isEqualTo("Ada\u0000Lovelace");
    assertThat(lines.get(2).get("value").get("publishedAt").asText()).isEqualTo("+300000-01-01T00:00:00Z");
    assertThat(lines.get(3).has("error")).isTrue();
    assertThat(lines.get(6).get("key").asText()).isEqualTo("f:later");

    List<JsonNode> rejects = new ArrayList<>();
    for (String line : Files.readAllLines(topicDir.resolve("rejects-0.jsonl"), StandardCharsets.UTF_8)) {
      rejects.add(JSON.readTree(line));
    }
    assertThat(rejects).extracting(r -> r.get("offset").asLong()).containsExactly(2L, 6L);
    assertThat(rejects).allSatisfy(r -> {
      assertThat(r.get("topic").asText()).isEqualTo(topic);
      assertThat(r.get("reason").asText()).contains("over the bound of " + MAX_LINE_BYTES + " bytes");
      assertThat(FeedpipeTopic.CLEAN.decode(Base64.getDecoder().decode(r.get("value").get("base64").asText()))).isEqualTo(huge);
    });
  }

  @Test
  void aRecordRejectedBeforeTheNextFinishedFileIsNotRejectedAgainAfterARestart(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("posts.route.restart");
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
    }
    CleanPost huge = CleanPost.newBuilder(SamplePosts.cleanPost("f:huge", 1)).setText("x".repeat(3 * MAX_LINE_BYTES)).build();
    produce(kafka, topic, List.of(encode(huge)));
    JsonlSinkSettings settings = new JsonlSinkSettings(dir, List.of(topic), kafka.uniqueName("jsonl"), null,
        JsonlSinkSettings.DEFAULT_ROLL_BYTES, JsonlSinkSettings.DEFAULT_ROLL_INTERVAL, MAX_LINE_BYTES);

    // The first run rejects the record; no archive file is finished, so no offset is committed and
    // the second run reads the record again from the beginning.
    JsonlSink first = new JsonlSink(settings, Map.of("bootstrap.servers", kafka.bootstrapServers()));
    Thread firstThread = new Thread(first, "sink-jsonl-1");
    firstThread.start();
    try {
      awaitHandled(first, firstThread, 0, 1);
    } finally {
      assertThat(first.stopAndAwait(Duration.ofSeconds(30))).isTrue();
      firstThread.join();
    }
    produce(kafka, topic, List.of(encode(SamplePosts.cleanPost("f:after", 1))));
    JsonlSink second = new JsonlSink(settings, Map.of("bootstrap.servers", kafka.bootstrapServers()));
    Thread secondThread = new Thread(second, "sink-jsonl-2");
    secondThread.start();
    try {
      awaitHandled(second, secondThread, 1, 0); // the good record after it archived: the huge one was read again
    } finally {
      assertThat(second.stopAndAwait(Duration.ofSeconds(30))).isTrue();
      secondThread.join();
    }

    Path topicDir = dir.resolve(topic);
    assertThat(Files.readAllLines(topicDir.resolve("rejects-0.jsonl"), StandardCharsets.UTF_8)).hasSize(1);
    assertThat(archivedLines(topicDir)).extracting(l -> l.get("offset").asLong()).containsExactly(1L);
  }

  @Test
  void archiveThatCannotBeWrittenIsRetriedUntilItCanAndLosesNothing(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("archive-me");
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
    }
    produce(kafka, topic, List.of("v0".getBytes(StandardCharsets.UTF_8), "v1".getBytes(StandardCharsets.UTF_8)));
    Path blocker = Files.createDirectories(dir).resolve(topic);
    Files.writeString(blocker, "a file where the topic's folder should be: every write under it fails");

    JsonlSinkSettings settings = new JsonlSinkSettings(dir, List.of(topic), kafka.uniqueName("jsonl"), null,
        JsonlSinkSettings.DEFAULT_ROLL_BYTES, JsonlSinkSettings.DEFAULT_ROLL_INTERVAL);
    JsonlSink sink = new JsonlSink(settings, Map.of("bootstrap.servers", kafka.bootstrapServers()));
    Thread thread = new Thread(sink, "sink-jsonl");
    thread.start();
    try {
      Awaitility.await("the sink meets the failure").atMost(Duration.ofSeconds(90)).until(() -> sink.archiveFailures() >= 2);
      assertThat(thread.isAlive()).as("sink still running").isTrue();
      Files.delete(blocker);
      awaitHandled(sink, thread, 2, 0);
    } finally {
      assertThat(sink.stopAndAwait(Duration.ofSeconds(30))).isTrue();
      thread.join();
    }
    assertThat(archivedLines(dir.resolve(topic))).extracting(l -> l.get("value").asText()).containsExactly("v0", "v1");
  }

  private static void awaitHandled(JsonlSink sink, Thread thread, long lines, long rejects) {
    Awaitility.await("sink archives " + lines + " lines and rejects " + rejects).atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          assertThat(thread.isAlive()).as("sink thread alive").isTrue();
          return sink.linesWritten() == lines && sink.recordsRejected() == rejects;
        });
  }

  private static byte[] encode(CleanPost post) {
    return FeedpipeTopic.CLEAN.valueSerde().serializer().serialize("posts.clean", post);
  }

  private static void produce(KafkaClusterInfo kafka, String topic, List<byte[]> values) throws Exception {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        String key = topic.startsWith("posts.") && value.length > 3 ? FeedpipeTopic.CLEAN.decode(value).getPostId() : "k";
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Every line of the finished files, in offset order. */
  private static List<JsonNode> archivedLines(Path topicDir) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(topicDir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(ArchiveFileName.SUFFIX)).sorted().toList()) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            lines.add(JSON.readTree(line));
          }
        }
      }
    }
    return lines;
  }
}

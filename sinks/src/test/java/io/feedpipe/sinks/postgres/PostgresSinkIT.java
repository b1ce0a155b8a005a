package io.feedpipe.sinks.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.client.FeedpipeTopic;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.testsupport.SamplePosts;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.testsupport.PostgresDatabase;
import io.feedpipe.testsupport.PostgresTables;
import io.feedpipe.testsupport.RealPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Random;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The postgres sink on the embedded broker and a real PostgreSQL server. */
@KafkaCluster
@RealPostgres
class PostgresSinkIT {

  @Test
  void latestRevisionWinsEveryRevisionIsKeptAndAReplayChangesNoRow(KafkaClusterInfo kafka, PostgresDatabase db) throws Exception {
    String topic = kafka.uniqueName("posts.clean");
    String group = kafka.uniqueName("sink-postgres");
    try (Admin admin = kafka.admin()) {
      createTopic(admin, topic, 3);
      produce(kafka, topic, List.of(SamplePosts.cleanPost("f:a", 1), SamplePosts.cleanPost("f:b", 1), SamplePosts.cleanPost("f:a", 2),
          SamplePosts.cleanPost("f:a", 1), // a late older revision
          SamplePosts.cleanPost("f:c", 1), SamplePosts.cleanPost("f:b", 1), // a duplicate
          SamplePosts.cleanPost("f:a", 3)));
      PostgresSinkSettings settings = PostgresSinkSettings.of(db.jdbcUrl(), db.user(), db.password()).withTopics(List.of(topic)).withGroup(group);

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      long handled = runUntilCommitted(admin, settings, kafka, topic, registry);
      assertThat(handled).isEqualTo(7);
      assertThat(written(registry)).isEqualTo(7);
      assertThat(registry.get("feedpipe.sink.batch.duration").tag("sink", "postgres").timer().count()).isPositive();
      assertThat(registry.find("feedpipe.sink.records.rejected").counters()).as("rejects, by reason").allSatisfy(c -> assertThat(c.count()).isZero());
      assertThat(registry.get("feedpipe.sink.last.commit.age").tag("sink", "postgres").gauge().value()).isGreaterThanOrEqualTo(0);
      try (Connection c = db.connect()) {
        var tables = PostgresTables.snapshot(c);
        assertThat(tables.get("posts")).extracting(r -> r.get("post_id") + " r" + r.get("revision"))
            .containsExactly("f:a r3", "f:b r1", "f:c r1");
        assertThat(tables.get("post_revisions")).extracting(r -> r.get("post_id") + " r" + r.get("revision"))
            .containsExactly("f:a r1", "f:a r2", "f:a r3", "f:b r1", "f:c r1");
        assertThat(tables.get("posts").get(0).get("title")).isEqualTo("Post f:a r3");
        assertThat(tables.get("posts").get(0).get("authors")).isEqualTo(List.of("Ada"));

        // replay to the earliest offsets: everything is delivered again, no row changes
        admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0),
            new TopicPartition(topic, 1), new OffsetAndMetadata(0), new TopicPartition(topic, 2), new OffsetAndMetadata(0)))
            .all().get(30, TimeUnit.SECONDS);
        SimpleMeterRegistry replayed = new SimpleMeterRegistry();
        assertThat(runUntilCommitted(admin, settings, kafka, topic, replayed)).as("records delivered again").isEqualTo(7);
        assertThat(written(replayed)).as("a replay writes (idempotently) again").isEqualTo(7);
        assertThat(PostgresTables.snapshot(c)).isEqualTo(tables);
      }
    }
  }

  @Test
  void recordThatDoesNotDecodeIsKeptInSinkRejectsAndTheSinkGoesOn(KafkaClusterInfo kafka, PostgresDatabase db) throws Exception {
    String topic = kafka.uniqueName("posts.clean");
    String group = kafka.uniqueName("sink-postgres");
    try (Admin admin = kafka.admin()) {
      createTopic(admin, topic, 1);
      Map<String, Object> props = producerProps(kafka);
      try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>(topic, "bad", new byte[] {1, 2, 3})).get(30, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>(topic, "f:ok", FeedpipeTopic.CLEAN.valueSerde().serializer().serialize(topic,
            SamplePosts.cleanPost("f:ok", 1)))).get(30, TimeUnit.SECONDS);
      }
      PostgresSinkSettings settings = PostgresSinkSettings.of(db.jdbcUrl(), db.user(), db.password()).withTopics(List.of(topic)).withGroup(group)
          .withSchema("archive");
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      runUntilCommitted(admin, settings, kafka, topic, registry);
      assertThat(rejected(registry, "undecodable")).isEqualTo(1);
      assertThat(written(registry)).isEqualTo(1);
      try (Connection c = db.connect()) {
        assertThat(PostgresTables.rows(c, "archive.posts", "post_id")).extracting(r -> r.get("post_id")).containsExactly("f:ok");
        var rejects = PostgresTables.rows(c, "archive.sink_rejects", "source_offset");
        assertThat(rejects).singleElement().satisfies(r -> {
          assertThat(r.get("source_offset")).isEqualTo(0L);
          assertThat(r.get("record_value")).isEqualTo("010203");
          assertThat((String) r.get("error")).isNotBlank();
        });
      }
    }
  }

  @Test
  void recordsPostgresRefusesAreKeptInSinkRejectsEveryOtherRecordIsWrittenOnceAndTheSinkGoesOn(KafkaClusterInfo kafka, PostgresDatabase db)
      throws Exception {
    String topic = kafka.uniqueName("posts.clean");
    String group = kafka.uniqueName("sink-postgres");
    Map<String, String> hostile = new java.util.LinkedHashMap<>(); // post id -> what its reject must name
    List<CleanPost> posts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      posts.add(SamplePosts.cleanPost("f:good-" + i, 1));
    }
    posts.add(1, hostile(hostile, "22021", CleanPost.newBuilder(SamplePosts.cleanPost("f:nul-author", 1)).setAuthors(List.of("Ada\u0000Lovelace"))));
    posts.add(3, hostile(hostile, "22021", CleanPost.newBuilder(SamplePosts.cleanPost("f:nul-category", 1)).setCategories(List.of("A\u0000I"))));
    posts.add(4, hostile(hostile, "22021", CleanPost.newBuilder(SamplePosts.cleanPost("f:nul-title", 1)).setTitle("\u0000")));
    posts.add(6, hostile(hostile, "22021", CleanPost.newBuilder(SamplePosts.cleanPost("f:nul-text", 1)).setText("before\u0000after")));
    posts.add(7, hostile(hostile, "22008", CleanPost.newBuilder(SamplePosts.cleanPost("f:year-300000", 1))
        .setPublishedAt(Instant.parse("+300000-01-01T00:00:00Z"))));
    posts.add(9, hostile(hostile, "23514", CleanPost.newBuilder(SamplePosts.cleanPost("f:revision-0", 1)).setRevision(0)));
    posts.add(hostile(hostile, "54000", CleanPost.newBuilder(SamplePosts.cleanPost("f:huge-key", 1)).setPostId("f:huge-" + randomText(20_000))));
    try (Admin admin = kafka.admin()) {
      createTopic(admin, topic, 1);
      produce(kafka, topic, posts);
      PostgresSinkSettings settings = PostgresSinkSettings.of(db.jdbcUrl(), db.user(), db.password()).withTopics(List.of(topic)).withGroup(group);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (RunningSink running = RunningSink.start(settings, kafka, registry); Connection c = db.connect()) {
        PostgresSink sink = running.sink();
        Thread thread = running.thread();
        Map<TopicPartition, Long> ends = endOffsets(admin, topic);
        awaitCommitted(admin, group, ends, thread);

        List<String> good = posts.stream().map(CleanPost::getPostId).filter(id -> id.startsWith("f:good-")).toList();
        assertThat(PostgresTables.rows(c, "posts", "post_id")).extracting(r -> r.get("post_id")).containsExactlyElementsOf(good);
        assertThat(PostgresTables.rows(c, "post_revisions", "post_id")).extracting(r -> r.get("post_id")).containsExactlyElementsOf(good);
        var rejects = PostgresTables.rows(c, "sink_rejects", "source_offset");
        assertThat(rejects).hasSize(hostile.size());
        for (var reject : rejects) {
          CleanPost post = posts.get(((Long) reject.get("source_offset")).intValue());
          String state = hostile.get(post.getPostId());
          assertThat(state).as("a reject of a post that is not hostile: %s", post.getPostId()).isNotNull();
          assertThat(reject.get("sql_state")).as(post.getPostId()).isEqualTo(state);
          assertThat((String) reject.get("error")).as(post.getPostId()).startsWith("SQLState " + state + ": ");
          assertThat((String) reject.get("record_json")).as(post.getPostId()).contains("\"postId\":\"" + post.getPostId().substring(0, 10));
          assertThat(FeedpipeTopic.CLEAN.decode(java.util.HexFormat.of().parseHex((String) reject.get("record_value")))).isEqualTo(post);
        }
        assertThat(rejects).filteredOn(r -> "22021".equals(r.get("sql_state"))).extracting(r -> (String) r.get("error"))
            .allSatisfy(error -> assertThat(error).contains("0x00"));

        // the sink is alive: a later record arrives
        produce(kafka, topic, List.of(SamplePosts.cleanPost("f:later", 1)));
        awaitCommitted(admin, group, endOffsets(admin, topic), thread);
        assertThat(PostgresTables.rows(c, "posts", "post_id")).extracting(r -> r.get("post_id")).contains("f:later");
        assertThat(sink.recordsRejected()).isEqualTo(hostile.size());
      }
      // Read once the sink stopped: everything it counted has happened.
      assertThat(rejected(registry, "data_exception")).as("NUL characters, year 300000").isEqualTo(5);
      assertThat(rejected(registry, "integrity_constraint_violation")).as("revision 0").isEqualTo(1);
      assertThat(rejected(registry, "program_limit_exceeded")).as("the huge key").isEqualTo(1);
      assertThat(written(registry)).as("8 good posts and the later one").isEqualTo(9);
    }
  }

  private static double written(MeterRegistry registry) {
    return registry.get("feedpipe.sink.records.written").tag("sink", "postgres").counter().count();
  }

  private static double rejected(MeterRegistry registry, String reason) {
    return registry.get("feedpipe.sink.records.rejected").tags("sink", "postgres", "reason", reason).counter().count();
  }

  private static CleanPost hostile(Map<String, String> hostile, String sqlState, CleanPost.Builder post) {
    CleanPost built = post.build();
    hostile.put(built.getPostId(), sqlState);
    return built;
  }

  /** Letters and digits that do not compress: a key PostgreSQL cannot fit in an index row. */
  private static String randomText(int length) {
    Random random = new Random(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static void awaitCommitted(Admin admin, String group, Map<TopicPartition, Long> ends, Thread sink) {
    Awaitility.await("group " + group + " commits " + ends).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          assertThat(sink.isAlive()).as("sink thread alive").isTrue();
          return committed(admin, group).entrySet().containsAll(ends.entrySet());
        });
  }

  /** Runs the sink until the group committed the topic's end offsets; returns the records it handled. */
  private static long runUntilCommitted(Admin admin, PostgresSinkSettings settings, KafkaClusterInfo kafka, String topic,
      MeterRegistry registry) throws Exception {
    Map<TopicPartition, Long> ends = endOffsets(admin, topic);
    try (RunningSink running = RunningSink.start(settings, kafka, registry)) {
      awaitCommitted(admin, settings.groupId(), ends, running.thread());
      return running.sink().recordsHandled();
    }
  }

  /** The sink on a thread of its own; closing it stops the sink (within 30 s) and joins the thread. */
  private record RunningSink(PostgresSink sink, Thread thread) implements AutoCloseable {
    static RunningSink start(PostgresSinkSettings settings, KafkaClusterInfo kafka, MeterRegistry registry) {
      PostgresSink sink = new PostgresSink(settings, Map.of("bootstrap.servers", kafka.bootstrapServers()), registry);
      Thread thread = new Thread(sink, "sink-postgres");
      thread.start();
      return new RunningSink(sink, thread);
    }

    @Override
    public void close() throws InterruptedException {
      assertThat(sink.stopAndAwait(Duration.ofSeconds(30))).isTrue();
      thread.join();
    }
  }

  private static void createTopic(Admin admin, String topic, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
  }

  static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
    int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS).entrySet().stream()
        .filter(e -> e.getValue().offset() > 0) // the group never commits a partition it got no record from
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
    return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static Map<String, Object> producerProps(KafkaClusterInfo kafka) {
    return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
  }

  private static void produce(KafkaClusterInfo kafka, String topic, List<CleanPost> posts) throws Exception {
    try (var producer = new KafkaProducer<>(producerProps(kafka), new StringSerializer(), FeedpipeTopic.CLEAN.valueSerde().serializer())) {
      for (CleanPost post : posts) {
        producer.send(new ProducerRecord<>(topic, post.getPostId(), post)).get(30, TimeUnit.SECONDS);
      }
    }
  }
}

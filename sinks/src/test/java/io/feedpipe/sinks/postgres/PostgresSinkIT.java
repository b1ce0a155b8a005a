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
import java.sql.Connection;
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
import org.junit.jupiter.api.Test;

/** The postgres sink on the embedded broker and a real PostgreSQL server. */
@KafkaCluster
@RealPostgres
class PostgresSinkIT {

  @Test
  void latestRevisionWinsEveryRevisionIsKeptAndAReplayChangesNoRow(KafkaClusterInfo kafka, PostgresDatabase db) throws Exception {
    String topic = kafka.uniqueName("posts.clean");
    String group = kafka.uniqueName("sink-postgres");
    try (Admin admin = admin(kafka)) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(3), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
      produce(kafka, topic, List.of(SamplePosts.cleanPost("f:a", 1), SamplePosts.cleanPost("f:b", 1), SamplePosts.cleanPost("f:a", 2),
          SamplePosts.cleanPost("f:a", 1), // a late older revision
          SamplePosts.cleanPost("f:c", 1), SamplePosts.cleanPost("f:b", 1), // a duplicate
          SamplePosts.cleanPost("f:a", 3)));
      PostgresSinkSettings settings = PostgresSinkSettings.of(db.jdbcUrl(), db.user(), db.password()).withTopics(List.of(topic)).withGroup(group);

      long handled = runUntilCommitted(admin, settings, kafka, topic);
      assertThat(handled).isEqualTo(7);
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
        assertThat(runUntilCommitted(admin, settings, kafka, topic)).as("records delivered again").isEqualTo(7);
        assertThat(PostgresTables.snapshot(c)).isEqualTo(tables);
      }
    }
  }

  @Test
  void recordThatDoesNotDecodeIsKeptInSinkRejectsAndTheSinkGoesOn(KafkaClusterInfo kafka, PostgresDatabase db) throws Exception {
    String topic = kafka.uniqueName("posts.clean");
    String group = kafka.uniqueName("sink-postgres");
    try (Admin admin = admin(kafka)) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
      Map<String, Object> props = producerProps(kafka);
      try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>(topic, "bad", new byte[] {1, 2, 3})).get(30, TimeUnit.SECONDS);
        producer.send(new ProducerRecord<>(topic, "f:ok", FeedpipeTopic.CLEAN.valueSerde().serializer().serialize(topic,
            SamplePosts.cleanPost("f:ok", 1)))).get(30, TimeUnit.SECONDS);
      }
      PostgresSinkSettings settings = PostgresSinkSettings.of(db.jdbcUrl(), db.user(), db.password()).withTopics(List.of(topic)).withGroup(group)
          .withSchema("archive");
      runUntilCommitted(admin, settings, kafka, topic);
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

  /** Runs the sink until the group committed the topic's end offsets; returns the records it handled. */
  private static long runUntilCommitted(Admin admin, PostgresSinkSettings settings, KafkaClusterInfo kafka, String topic) throws Exception {
    Map<TopicPartition, Long> ends = endOffsets(admin, topic);
    PostgresSink sink = new PostgresSink(settings, Map.of("bootstrap.servers", kafka.bootstrapServers()));
    Thread thread = new Thread(sink, "sink-postgres");
    thread.start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!committed(admin, settings.groupId()).entrySet().containsAll(ends.entrySet())) {
        if (!thread.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("sink did not commit " + ends + "; committed " + committed(admin, settings.groupId()));
        }
        Thread.sleep(100);
      }
      return sink.recordsHandled();
    } finally {
      assertThat(sink.stopAndAwait(Duration.ofSeconds(30))).isTrue();
      thread.join();
    }
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

  private static Admin admin(KafkaClusterInfo kafka) {
    return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
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

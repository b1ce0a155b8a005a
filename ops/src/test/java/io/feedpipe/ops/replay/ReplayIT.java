package io.feedpipe.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.feedpipe.client.FeedpipeTopic;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.testsupport.SamplePosts;
import io.feedpipe.testsupport.WholeTopic;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@KafkaCluster
class ReplayIT {
  /** Records 10 s apart, starting an hour ago, round-robin over 3 partitions. */
  static final Instant BASE = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
  static final int RECORDS = 60;

  @Test
  void planByDatetimeMatchesTheOffsetsTheBrokerReturnsForThatTimestamp(KafkaClusterInfo kafka) throws Exception {
    String group = kafka.uniqueName("service");
    try (Admin admin = kafka.admin()) {
      String topic = filledAndReadBy(admin, kafka, group);
      ReplayService service = new ReplayService(admin);

      for (Instant time : List.of(BASE.plusSeconds(275), BASE.plusSeconds(10), BASE.minusSeconds(3600), BASE.plusSeconds(10L * RECORDS + 1))) {
        ReplayPlan plan = service.plan(group, topic, new ResetSpec.ToDatetime(time), Instant.now());
        Map<Integer, Long> broker = new HashMap<>();
        Map<Integer, Long> ends = new HashMap<>();
        for (int p = 0; p < 3; p++) {
          TopicPartition tp = new TopicPartition(topic, p);
          long offset = admin.listOffsets(Map.of(tp, OffsetSpec.forTimestamp(time.toEpochMilli()))).all().get(30, TimeUnit.SECONDS).get(tp).offset();
          ends.put(p, admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS).get(tp).offset());
          broker.put(p, offset < 0 ? ends.get(p) : offset); // -1: no record that late, the end
        }
        assertThat(plan.targets()).as("plan for %s", time).isEqualTo(broker);
        assertThat(plan.rows()).allSatisfy(r -> assertThat(r.current()).hasValue(ends.get(r.partition())));
      }
      // 275 s after the first record: records 28.. (ts 280 s on) are read again, 28 skipped over
      ReplayPlan plan = service.plan(group, topic, new ResetSpec.ToDatetime(BASE.plusSeconds(275)), Instant.now());
      assertThat(plan.reprocess()).isEqualTo(RECORDS - 28);
      assertThat(plan.toRead()).isEqualTo(RECORDS - 28);
    }
  }

  @Test
  void executeOnAGroupWithActiveMembersIsRefusedNamingThemAndAppliedOnceTheyLeft(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("history");
    String group = kafka.uniqueName("live-service");
    try (Admin admin = kafka.admin()) {
      createAndFill(admin, kafka, topic);
      AtomicBoolean assigned = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      Thread member = new Thread(() -> {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.CLIENT_ID_CONFIG, "the-live-consumer", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
          consumer.subscribe(List.of(topic));
          while (!stop.get()) {
            consumer.poll(Duration.ofMillis(100));
            consumer.commitSync();
            assigned.set(!consumer.assignment().isEmpty());
          }
        }
      }, "live-member");
      member.start();
      try {
        await("the consumer getting its partitions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilTrue(assigned);
        ReplayService service = new ReplayService(admin);
        ReplayPlan plan = service.plan(group, topic, new ResetSpec.ToEarliest(), Instant.now());
        assertThatThrownBy(() -> service.execute(plan)).isInstanceOf(ReplayException.class)
            .hasMessageContaining("has 1 active member(s)").hasMessageContaining("the-live-consumer").hasMessageContaining("refusing");
        assertThat(committed(admin, group).values()).as("nothing changed").allMatch(o -> o > 0);
      } finally {
        stop.set(true);
        member.join();
      }
      ReplayService service = new ReplayService(admin);
      ReplayPlan plan = service.plan(group, topic, new ResetSpec.ToEarliest(), Instant.now());
      service.execute(plan);
      assertThat(committed(admin, group)).isEqualTo(Map.of(new TopicPartition(topic, 0), 0L, new TopicPartition(topic, 1), 0L,
          new TopicPartition(topic, 2), 0L));
    }
  }

  @Test
  void unknownGroupOrTopicIsAClearError(KafkaClusterInfo kafka) throws Exception {
    String group = kafka.uniqueName("service");
    try (Admin admin = kafka.admin()) {
      String topic = filledAndReadBy(admin, kafka, group);
      ReplayService service = new ReplayService(admin);
      assertThatThrownBy(() -> service.plan("no-such-group", topic, new ResetSpec.ToEarliest(), Instant.now()))
          .isInstanceOf(ReplayException.class).hasMessageStartingWith("consumer group 'no-such-group' does not exist");
      assertThatThrownBy(() -> service.plan(group, "no.such.topic", new ResetSpec.ToEarliest(), Instant.now()))
          .isInstanceOf(ReplayException.class).hasMessage("topic 'no.such.topic' does not exist");
    }
  }

  @Test
  void sliceOfOneFeedIsCopiedIntoANewTopicKeepingKeysTimestampsAndPartitions(KafkaClusterInfo kafka) throws Exception {
    String source = kafka.uniqueName("posts.route.it"); // a route topic name: values decoded as CleanPost
    String target = kafka.uniqueName("bootstrap-copy");
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(source, Optional.of(3), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
      Map<String, Object> props = producerProps(kafka);
      try (var producer = new KafkaProducer<>(props, new StringSerializer(), FeedpipeTopic.CLEAN.valueSerde().serializer())) {
        for (int i = 0; i < 30; i++) {
          String feed = i % 2 == 0 ? "alpha" : "beta";
          CleanPost post = SamplePosts.cleanPost(feed + ":" + i, 1);
          producer.send(new ProducerRecord<>(source, i % 3, BASE.plusSeconds(10L * i).toEpochMilli(), post.getPostId(), post)).get();
        }
      }
      List<long[]> progress = new ArrayList<>();
      SliceCopier copier = new SliceCopier(admin, Map.of("bootstrap.servers", kafka.bootstrapServers()));
      SliceSpec spec = new SliceSpec(source, target, BASE.plusSeconds(55), Optional.of(BASE.plusSeconds(205)), Optional.of("alpha"));
      SliceCopier.Result result = copier.copy(spec, (scanned, total, copied) -> progress.add(new long[] {scanned, total, copied}));

      // records 6..20 (ts 60 s .. 200 s) are in the slice; the even ones are alpha's
      assertThat(result.scanned()).isEqualTo(15);
      assertThat(result.copied()).isEqualTo(8);
      assertThat(result.createdTopic()).isTrue();
      assertThat(progress).last().satisfies(p -> assertThat(p).containsExactly(15, 15, 8));

      List<ConsumerRecord<byte[], byte[]>> copied = readAll(kafka, target);
      assertThat(copied).hasSize(8);
      for (ConsumerRecord<byte[], byte[]> r : copied) {
        String key = new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
        int i = Integer.parseInt(key.substring(key.indexOf(':') + 1));
        assertThat(key).startsWith("alpha:");
        assertThat(r.partition()).isEqualTo(i % 3);
        assertThat(r.timestamp()).isEqualTo(BASE.plusSeconds(10L * i).toEpochMilli());
        assertThat(FeedpipeTopic.CLEAN.decode(r.value()).getPostId()).isEqualTo(key);
      }
      assertThatThrownBy(() -> copier.copy(spec, (a, b, c) -> { })).isInstanceOf(ReplayException.class)
          .hasMessageContaining("already exists and holds 8 record(s)");
    }
  }

  static void createAndFill(Admin admin, KafkaClusterInfo kafka, String topic) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, Optional.of(3), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
    try (var producer = new KafkaProducer<>(producerProps(kafka), new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, i % 3, BASE.plusSeconds(10L * i).toEpochMilli(), "k" + i, "v" + i)).get();
      }
    }
  }

  /** A new topic, filled by {@link #createAndFill}, that {@code group} has read to the end; returns its name. */
  static String filledAndReadBy(Admin admin, KafkaClusterInfo kafka, String group) throws Exception {
    String topic = kafka.uniqueName("history");
    createAndFill(admin, kafka, topic);
    commitEnd(admin, topic, group);
    return topic;
  }

  static void commitEnd(Admin admin, String topic, String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (int p = 0; p < 3; p++) {
      offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(RECORDS / 3));
    }
    admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
  }

  static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
    return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaClusterInfo kafka, String topic) {
    Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      WholeTopic.read(consumer, topic, Duration.ofSeconds(30), records::add);
      return records;
    }
  }

  static Map<String, Object> producerProps(KafkaClusterInfo kafka) {
    return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
  }
}

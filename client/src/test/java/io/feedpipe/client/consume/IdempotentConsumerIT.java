package io.feedpipe.client.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.client.FeedpipeTopic;
import io.feedpipe.client.example.InMemoryPostStore;
import io.feedpipe.client.example.LatestPostsService;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.testsupport.SamplePosts;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * docs/consuming.md's pattern on a real broker: a crash between the durable write and the offset
 * commit, duplicates, a late older revision and a full replay leave the store as one clean pass
 * would.
 */
@KafkaCluster
class IdempotentConsumerIT {

  @Test
  void redeliveryDuplicatesAndReplayLeaveTheLatestRevisionOfEveryPostStoredOnce(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("posts.clean");
    String group = kafka.uniqueName("latest-posts");
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(2), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
      produce(kafka.bootstrapServers(), topic, List.of(
          SamplePosts.cleanPost("f:1", 1), SamplePosts.cleanPost("f:2", 1), SamplePosts.cleanPost("f:1", 2),
          SamplePosts.cleanPost("f:3", 1), SamplePosts.cleanPost("f:2", 1), // a duplicate
          SamplePosts.cleanPost("f:1", 1))); // a late, older revision

      InMemoryPostStore store = new InMemoryPostStore();
      AtomicBoolean crashed = new AtomicBoolean();
      // The first batch is written, then the "process dies" before the offsets are committed.
      LatestPostsService.PostStore crashingOnce = new LatestPostsService.PostStore() {
        @Override
        public java.util.OptionalInt revisionOf(String postId) {
          return store.revisionOf(postId);
        }

        @Override
        public void saveAll(List<CleanPost> posts) throws Exception {
          store.saveAll(posts);
          if (crashed.compareAndSet(false, true)) {
            throw new IllegalStateException("crash after the write, before the commit");
          }
        }
      };
      runUntilCaughtUp(admin, topic, group, kafka.bootstrapServers(), crashingOnce);

      assertThat(crashed).isTrue();
      assertThat(store.snapshot()).hasSize(3);
      assertThat(store.snapshot().get("f:1").getRevision()).isEqualTo(2);
      assertThat(store.snapshot().get("f:2").getRevision()).isEqualTo(1);
      // f:1 r1, f:1 r2, f:2 r1, f:3 r1 at most once each (r1 and r2 of f:1 in one batch: only r2),
      // although the first batch came twice and f:2 r1 and f:1 r1 are in the topic twice
      int changes = store.changes();
      assertThat(changes).isBetween(3, 4);

      // Replay from the beginning: the store does not change.
      Map<String, CleanPost> before = store.snapshot();
      admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0),
          new TopicPartition(topic, 1), new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
      runUntilCaughtUp(admin, topic, group, kafka.bootstrapServers(), store);
      assertThat(store.snapshot()).isEqualTo(before);
      assertThat(store.changes()).as("a replay changes nothing").isEqualTo(changes);
    }
  }

  private static void runUntilCaughtUp(Admin admin, String topic, String group, String bootstrap, LatestPostsService.PostStore store)
      throws Exception {
    DurableConsumer<CleanPost> loop = LatestPostsService.create(bootstrap, group, FeedpipeTopic.of(topic, CleanPost.class), store);
    Thread thread = new Thread(loop, "latest-posts");
    thread.start();
    try {
      Map<TopicPartition, Long> ends = admin.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(),
              new TopicPartition(topic, 1), OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
          .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!loop.committedOffsets().entrySet().containsAll(ends.entrySet()) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(loop.committedOffsets()).as("committed offsets").containsAllEntriesOf(ends);
    } finally {
      assertThat(loop.stopAndAwait(Duration.ofSeconds(30))).isTrue();
      thread.join();
    }
  }

  private static void produce(String bootstrap, String topic, List<CleanPost> posts) throws Exception {
    Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), FeedpipeTopic.CLEAN.valueSerde().serializer())) {
      for (CleanPost post : posts) {
        producer.send(new ProducerRecord<>(topic, post.getPostId(), post)).get(30, TimeUnit.SECONDS);
      }
    }
  }
}

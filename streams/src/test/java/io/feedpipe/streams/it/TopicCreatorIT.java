package io.feedpipe.streams.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.topics.TopicCreator;
import io.feedpipe.schemas.topics.TopicSpec;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/**
 * The topic creator on a real broker: it creates what is missing, with the partitions asked for
 * and a leader for each in the metadata when it returns, and creates nothing the second time.
 */
@KafkaCluster
class TopicCreatorIT {

  @Test
  void createdTopicsHaveALeaderForEveryPartitionWhenEnsureReturns(KafkaClusterInfo kafka) throws Exception {
    String a = kafka.uniqueName("created-a");
    String b = kafka.uniqueName("created-b");
    List<TopicSpec> specs = List.of(
        new TopicSpec(a, 12, Optional.empty(), Map.of("cleanup.policy", "delete"), "test topic"),
        new TopicSpec(b, 6, Optional.empty(), Map.of("cleanup.policy", "compact"), "test topic"));
    try (Admin admin = kafka.admin()) {
      assertThat(new TopicCreator(admin).ensure(specs)).containsExactly(a, b);

      // Described at once, without waiting: every partition already has its leader.
      Map<String, TopicDescription> described = admin.describeTopics(List.of(a, b)).allTopicNames().get();
      assertThat(described.get(a).partitions()).hasSize(12).allSatisfy(p -> assertThat(p.leader()).isNotNull());
      assertThat(described.get(b).partitions()).hasSize(6).allSatisfy(p -> assertThat(p.leader()).isNotNull());

      assertThat(new TopicCreator(admin).ensure(specs)).as("a second run creates nothing").isEmpty();
    }
  }
}

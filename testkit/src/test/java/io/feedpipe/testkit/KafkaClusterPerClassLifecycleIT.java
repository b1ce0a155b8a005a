package io.feedpipe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The cluster reaches {@code @BeforeAll} methods and constructors of a PER_CLASS test too, which
 * run before the extension's beforeAll; without Docker under testcontainers this class is skipped,
 * not failed.
 */
@KafkaCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaClusterPerClassLifecycleIT {

  private final KafkaClusterInfo kafka;
  private String topic;

  KafkaClusterPerClassLifecycleIT(KafkaClusterInfo kafka) {
    this.kafka = kafka;
  }

  @BeforeAll
  void createTopic(KafkaClusterInfo cluster) throws Exception {
    topic = cluster.uniqueName("per-class");
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
  }

  @Test
  void theTopicCreatedInBeforeAllIsThere() throws Exception {
    try (Admin admin = admin()) {
      assertThat(admin.listTopics().names().get()).contains(topic);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }
}

package io.feedpipe.schemas.topics;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A topic as feedpipe creates it: name, partitions and the configs that matter for its contract
 * (compaction for posts.clean, retention for the logs). Replication is left to the broker's
 * {@code default.replication.factor} unless set, so the same spec works on the single embedded
 * broker and on a production cluster.
 */
public record TopicSpec(String name, int partitions, Optional<Short> replicationFactor, Map<String, String> configs, String purpose) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || !name.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("topic name '" + name + "' is not a legal Kafka topic name (letters, digits, '.', '_', '-'; at most 249)");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, got " + partitions);
    }
    replicationFactor = replicationFactor == null ? Optional.empty() : replicationFactor;
    configs = Map.copyOf(configs);
  }

  public NewTopic toNewTopic() {
    return new NewTopic(name, Optional.of(partitions), replicationFactor).configs(configs);
  }

  public boolean compacted() {
    return "compact".equals(configs.get("cleanup.policy"));
  }
}

package io.feedpipe.testkit;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The Kafka cluster a test runs against, as injected by {@link KafkaClusterExtension}. */
public interface KafkaClusterInfo {

  /** The {@code bootstrap.servers} value; stays the same across {@link #restartBroker()}. */
  String bootstrapServers();

  /**
   * A name no other caller in this JVM gets, {@code prefix-<run>-<n>}: legal as a topic name,
   * consumer group id, Streams application id or transactional id. The cluster is shared, so tests
   * keep apart through these names rather than by cleaning up after each other.
   *
   * @param prefix letters, digits, '.', '_' or '-', saying what the name is for
   */
  String uniqueName(String prefix);

  /**
   * Stops the broker and starts it again on the same data directory and port, as a crash-free
   * restart would; committed records, topics and group offsets survive. Returns once the broker
   * accepts requests again.
   *
   * @throws UnsupportedOperationException for a cluster kind that cannot keep its data and address
   *     across a restart
   */
  void restartBroker();

  KafkaClusterKind kind();

  /** A new admin client of this cluster, with no other setting; the caller closes it. */
  default Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }
}

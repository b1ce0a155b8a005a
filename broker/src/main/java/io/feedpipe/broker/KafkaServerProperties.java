package io.feedpipe.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The Kafka server settings of a one-node KRaft cluster: feedpipe's defaults, then overrides. */
final class KafkaServerProperties {

  /** The one node's id. Stored in meta.properties at format time, so it must never change. */
  static final int NODE_ID = 1;

  static final String CLIENT_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  /**
   * Settings fixed by {@link BrokerConfig} and the data directory. Overriding them would break the
   * invariants a restart relies on (node id and voter endpoint recorded at format time, log
   * directories holding the data), so {@link BrokerConfig} refuses them.
   */
  static final Set<String> MANAGED_KEYS =
      Set.of(
          "process.roles",
          "node.id",
          "broker.id",
          "listeners",
          "advertised.listeners",
          "listener.security.protocol.map",
          "inter.broker.listener.name",
          "controller.listener.names",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers",
          "log.dir",
          "log.dirs",
          "metadata.log.dir");

  private KafkaServerProperties() {}

  /** The managed settings among {@code overrides}, sorted; empty when there are none. */
  static Set<String> managedKeysIn(Map<String, String> overrides) {
    Set<String> managed = new TreeSet<>(overrides.keySet());
    managed.retainAll(MANAGED_KEYS);
    return managed;
  }

  static Map<String, String> build(
      BrokerConfig config, int clientPort, int controllerPort, Path logDir) {
    String clientAddress = hostPort(config.host(), clientPort);
    String controllerAddress = hostPort(config.host(), controllerPort);
    Map<String, String> props = new LinkedHashMap<>();

    // One process is both the KRaft controller and the broker: nothing else to run or reach.
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put(
        "listeners",
        CLIENT_LISTENER
            + "://"
            + clientAddress
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + controllerAddress);
    // Clients are told to reconnect to exactly the address they bootstrapped from.
    props.put("advertised.listeners", CLIENT_LISTENER + "://" + clientAddress);
    props.put(
        "listener.security.protocol.map",
        CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", CLIENT_LISTENER);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    // A dynamic (KIP-853) quorum formatted with --standalone: the voter set, including this
    // endpoint, is recorded in the metadata log, which is why the controller port is persisted.
    props.put("controller.quorum.bootstrap.servers", controllerAddress);
    props.put("log.dirs", logDir.toAbsolutePath().toString());

    // There is one broker, so every replication factor and min.insync.replicas must be 1. Kafka's
    // defaults for its internal topics (replication factor 3, min ISR 2) would leave them
    // uncreatable and consumer groups, transactions and share groups waiting forever; the two
    // topic-level defaults already are 1 and are stated so an override shows up as a change.
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");

    // Kafka creates __consumer_offsets and __transaction_state with 50 partitions each on first
    // use, which on a fresh 2-core laptop broker delays the first consumer group and the first
    // exactly-once Streams start by seconds. One node needs no such spread; fixed at creation.
    props.put("offsets.topic.num.partitions", "6");
    props.put("transaction.state.log.num.partitions", "6");

    props.put("num.partitions", "1");
    // Topics are created explicitly, with the partitions and configs the pipeline declares. With
    // auto-creation on, a typo in a topic name, or a consumer subscribing before the topic
    // exists, would silently create a one-partition topic with default retention that then
    // outlives the fix.
    props.put("auto.create.topics.enable", "false");
    // The 3 s default waits for more members of a new group to join; with one process per group
    // here it only delays every first consumer group and Kafka Streams start.
    props.put("group.initial.rebalance.delay.ms", "0");
    // The log cleaner (compaction of __consumer_offsets, transaction state and Streams changelogs)
    // allocates this buffer up front. Kafka's 128 MB sizes it for a shared production broker; 16 MB
    // still dedupes ~600k distinct keys per pass (bigger logs take more passes), and measured on
    // this 2-core machine it cut resident memory by ~100 MB and start-up by a few hundred ms.
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));

    props.putAll(config.overrides());
    return props;
  }

  static String hostPort(String host, int port) {
    String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return literal + ":" + port;
  }
}

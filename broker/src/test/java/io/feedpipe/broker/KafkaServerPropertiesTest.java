package io.feedpipe.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaServerPropertiesTest {

  private final Path logDir = Path.of("/data/kafka-logs");

  @Test
  void bothListenersBindToTheConfiguredHostAndOnlyTheClientOneIsAdvertised() {
    Map<String, String> props = build(BrokerConfig.defaults(Path.of("/data")), 9092, 40_001);

    assertThat(props)
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:40001")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
        .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:40001")
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("log.dirs", "/data/kafka-logs")
        .doesNotContainKey("controller.quorum.voters");
  }

  @Test
  void internalTopicsUseReplicationFactorOneOnTheSingleNode() {
    Map<String, String> props = build(BrokerConfig.defaults(Path.of("/data")), 9092, 40_001);

    assertThat(props)
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("share.coordinator.state.topic.replication.factor", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0")
        .containsEntry("num.partitions", "1")
        .containsEntry("auto.create.topics.enable", "false");
  }

  @Test
  void logCleanerBufferIsSizedForOneSmallNode() {
    Map<String, String> props = build(BrokerConfig.defaults(Path.of("/data")), 9092, 40_001);

    assertThat(props).containsEntry("log.cleaner.dedupe.buffer.size", "16777216");
  }

  @Test
  void overridesAreAppliedLast() {
    BrokerConfig config =
        BrokerConfig.defaults(Path.of("/data"))
            .withOverrides(Map.of("num.partitions", "6", "log.retention.hours", "1"));

    assertThat(build(config, 9092, 40_001))
        .containsEntry("num.partitions", "6")
        .containsEntry("log.retention.hours", "1");
  }

  @Test
  void ipv6HostsAreBracketedInListenerAddresses() {
    assertThat(KafkaServerProperties.hostPort("::1", 9092)).isEqualTo("[::1]:9092");
    assertThat(KafkaServerProperties.hostPort("127.0.0.1", 9092)).isEqualTo("127.0.0.1:9092");
  }

  private Map<String, String> build(BrokerConfig config, int clientPort, int controllerPort) {
    return KafkaServerProperties.build(config, clientPort, controllerPort, logDir);
  }
}

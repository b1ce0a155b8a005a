package io.feedpipe.producer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaProducerConfigTest {
  private static final String BOOTSTRAP = "localhost:9092";

  @Test
  void setsSafetyAndThroughputSettingsExplicitly() {
    Map<String, Object> config = KafkaProducerConfig.build(Map.of("bootstrap.servers", BOOTSTRAP));

    assertThat(config)
        .containsEntry("bootstrap.servers", BOOTSTRAP)
        .containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all")
        .containsEntry("max.in.flight.requests.per.connection", 5)
        .containsEntry("compression.type", "zstd")
        .containsEntry("compression.zstd.level", 1)
        .containsEntry("linger.ms", 20)
        .containsEntry("batch.size", 262_144);
  }

  @Test
  void userMayRepeatSafetySettingsAndTuneThroughput() {
    Map<String, Object> config = KafkaProducerConfig.build(Map.of(
        "bootstrap.servers", BOOTSTRAP, "acks", "-1", "enable.idempotence", "true", "max.in.flight.requests.per.connection", "1",
        "linger.ms", "5", "compression.type", "lz4"));

    assertThat(config)
        .containsEntry("acks", "all")
        .containsEntry("max.in.flight.requests.per.connection", "1")
        .containsEntry("linger.ms", "5")
        .containsEntry("compression.type", "lz4")
        .doesNotContainKey("compression.zstd.level");
  }

  @Test
  void userMaySetTheZstdLevel() {
    Map<String, Object> config = KafkaProducerConfig.build(Map.of("bootstrap.servers", BOOTSTRAP, "compression.zstd.level", "3"));

    assertThat(config).containsEntry("compression.type", "zstd").containsEntry("compression.zstd.level", "3");
  }

  @Test
  void refusesSettingsThatWeakenDeliveryNamingTheSetting() {
    assertThatThrownBy(() -> KafkaProducerConfig.build(Map.of("bootstrap.servers", BOOTSTRAP, "acks", "1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acks=1");
    assertThatThrownBy(() -> KafkaProducerConfig.build(Map.of("bootstrap.servers", BOOTSTRAP, "enable.idempotence", false)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enable.idempotence=false");
    assertThatThrownBy(() -> KafkaProducerConfig.build(Map.of("bootstrap.servers", BOOTSTRAP, "max.in.flight.requests.per.connection", 6)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max.in.flight.requests.per.connection=6");
    assertThatThrownBy(() -> KafkaProducerConfig.build(Map.of("bootstrap.servers", BOOTSTRAP, "retries", 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retries=0");
  }

  @Test
  void refusesMissingBootstrapServersAndForeignSerializers() {
    assertThatThrownBy(() -> KafkaProducerConfig.build(Map.of())).hasMessageContaining("bootstrap.servers");
    assertThatThrownBy(() -> KafkaProducerConfig.build(Map.of("bootstrap.servers", BOOTSTRAP, "value.serializer", "x.Y")))
        .hasMessageContaining("value.serializer");
  }
}

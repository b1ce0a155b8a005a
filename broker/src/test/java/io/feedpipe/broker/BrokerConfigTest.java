package io.feedpipe.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

  private final Path dir = Path.of("data");

  @Test
  void defaultsListenOnLoopbackPort9092WithoutOverrides() {
    BrokerConfig config = BrokerConfig.defaults(dir);

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(9092);
    assertThat(config.dataDir()).isEqualTo(dir);
    assertThat(config.overrides()).isEmpty();
  }

  @Test
  void portZeroMeansPickAFreePortAndOutOfRangePortsAreRefused() {
    assertThat(BrokerConfig.defaults(dir).withPort(0).port()).isZero();
    assertThatThrownBy(() -> BrokerConfig.defaults(dir).withPort(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  @Test
  void overridesAreCopiedSoLaterChangesToTheCallersMapDoNotLeakIn() {
    Map<String, String> overrides = new HashMap<>(Map.of("log.retention.hours", "1"));
    BrokerConfig config = BrokerConfig.defaults(dir).withOverrides(overrides);

    overrides.put("num.partitions", "6");

    assertThat(config.overrides()).containsOnly(Map.entry("log.retention.hours", "1"));
  }

  @Test
  void overridingTheListenersOrStorageLayoutIsRefusedNamingTheSettings() {
    BrokerConfig defaults = BrokerConfig.defaults(dir);
    Map<String, String> overrides = Map.of("listeners", "PLAINTEXT://:9092", "log.dirs", "/x");

    assertThatThrownBy(() -> defaults.withOverrides(overrides))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[listeners, log.dirs]");
  }
}

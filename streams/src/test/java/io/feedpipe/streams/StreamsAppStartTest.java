package io.feedpipe.streams;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.streams.topology.BoundedRocksDbMemory;
import io.feedpipe.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What start() checks before it touches the cluster. */
class StreamsAppStartTest {

  @TempDir Path stateDir;

  /** No broker listens on port 1: had start() created topics first, it would wait for one instead of failing. */
  @Test
  @Timeout(20)
  void aBadSettingFailsBeforeAnyClusterIsContacted() {
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir);
    assertThatThrownBy(() -> StreamsApp.start(settings, "127.0.0.1:1", Map.of(BoundedRocksDbMemory.BUDGET_CONFIG, "1024")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("streams.rocksdb-memory must be at least 8MB");
    assertThatThrownBy(() -> StreamsApp.start(settings, "127.0.0.1:1", Map.of("processing.guarantee", "at_least_once")))
        .hasMessageContaining("would weaken feedpipe's guarantees");
  }
}

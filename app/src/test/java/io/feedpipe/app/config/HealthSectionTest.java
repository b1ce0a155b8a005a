package io.feedpipe.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.streams.health.FeedHealthSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthSectionTest {
  @TempDir Path dir;

  private FeedpipeConfig load(String yaml) throws IOException {
    Path file = dir.resolve("feedpipe.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader(Path.of("/opt/feedpipe")).load(Optional.of(file));
  }

  @Test
  void builtInDefaultsAreTheSettingsDefaults() {
    FeedpipeConfig config = new ConfigLoader(Path.of("/opt/feedpipe")).load(Optional.empty());
    assertThat(config.health()).isEqualTo(FeedHealthSettings.defaults());
    assertThat(config.streamsSettings().health()).isEqualTo(FeedHealthSettings.defaults());
    assertThat(config.topics().all()).extracting(t -> t.name()).contains("feeds.health");
  }

  @Test
  void configuredThresholdsReachTheStreamsSettingsAndTheOthersKeepTheirDefaults() throws IOException {
    FeedpipeConfig config = load("""
        health:
          degraded-after-errors: 2
          dead-after: 5s
          stale-min-age: 2s
          check-interval: 200ms
        """);
    FeedHealthSettings health = config.streamsSettings().health();
    assertThat(health.degradedAfterErrors()).isEqualTo(2);
    assertThat(health.deadAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(health.staleMinAge()).isEqualTo(Duration.ofSeconds(2));
    assertThat(health.checkInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(health.staleFactor()).isEqualTo(FeedHealthSettings.defaults().staleFactor());
  }

  @Test
  void errorsNameTheFileAndTheSetting() {
    assertThatThrownBy(() -> load("health:\n  dead-after: soon\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("feedpipe.yaml: health.dead-after 'soon' is not a duration");
    assertThatThrownBy(() -> load("health:\n  degraded-after-errors: 0\n"))
        .hasMessageContaining("health.degraded-after-errors must be between 1 and 1000, got 0");
    assertThatThrownBy(() -> load("health:\n  check-interval: 10ms\n"))
        .hasMessageContaining("feedpipe.yaml: health.check-interval must be at least 100ms");
    assertThatThrownBy(() -> load("health:\n  forget-after: 1d\n"))
        .hasMessageContaining("feedpipe.yaml: health.forget-after (PT24H) must be longer than health.dead-after (PT72H)");
    assertThatThrownBy(() -> load("health:\n  dead-afterr: 1d\n"))
        .hasMessageContaining("health.dead-afterr is not a setting");
  }
}

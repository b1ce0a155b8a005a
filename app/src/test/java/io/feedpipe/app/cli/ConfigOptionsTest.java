package io.feedpipe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.FeedpipeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The connection and configuration options: declared once, resolved in one place, worded per command where they differ. */
class ConfigOptionsTest {

  @TempDir Path dir;

  @Test
  void bootstrapServersOptionOverridesTheConfigFile() throws Exception {
    Path file = Files.writeString(dir.resolve("feedpipe.yaml"), "kafka:\n  bootstrap-servers: from-file:9092\n");

    FeedpipeConfig fromFile = CommandLine.populateCommand(new CommonOptions(), "--config", file.toString()).resolve();
    FeedpipeConfig fromOption = CommandLine.populateCommand(new ClientOptions(), "--config", file.toString(),
        "--bootstrap-servers", " kafka1:9092 ").resolve();

    assertThat(fromFile.bootstrapServers()).contains("from-file:9092");
    assertThat(fromOption.bootstrapServers()).contains("kafka1:9092");
  }

  @Test
  void commandLineOverridesReachTheConfiguration() {
    FeedpipeConfig config = CommandLine.populateCommand(new CommonOptions(), "--port", "9192", "--data-dir", dir.toString(),
        "--feed", "https://example.org/feed.xml").resolve();

    assertThat(config.brokerPort()).isEqualTo(9192);
    assertThat(config.dataDir()).isEqualTo(dir);
    assertThat(config.producer().feeds()).singleElement().satisfies(f -> assertThat(f.url()).hasToString("https://example.org/feed.xml"));
    assertThat(ConfigOptions.bootstrap(config)).isEqualTo("127.0.0.1:9192");
  }

  @Test
  void portOutOfRangeIsAnErrorNamingTheOption() {
    assertThatThrownBy(() -> CommandLine.populateCommand(new ClientOptions(), "--port", "70000").resolve())
        .isInstanceOf(ConfigException.class).hasMessageContaining("--port must be between 1 and 65535");
  }

  @Test
  void helpSaysWhatEachKindOfCommandDoesWithTheSharedOptions() {
    assertThat(help("run")).contains("overrides kafka").contains("feedpipe-defaults");
    assertThat(help("lag")).contains("these commands use its kafka");
    assertThat(help("bench")).contains("runs under a topics.prefix of its own");
    assertThat(help("bench-producer")).contains("Kafka cluster to write to").doesNotContain("--config");
  }

  /** The command's help with line breaks as spaces (picocli wraps long lines). */
  private static String help(String command) {
    return CliRun.of(command, "--help").out().replaceAll("\\s+", " ");
  }
}

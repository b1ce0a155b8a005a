package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.ConfigLoader;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command takes; they override the configuration file. */
public final class CommonOptions {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]",
      description = "Kafka cluster to use. Without it, feedpipe uses the embedded broker on 127.0.0.1 (run and broker start it).")
  String bootstrapServers;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML configuration file; overrides the built-in defaults (every setting and its default: app/src/main/resources/feedpipe-defaults.yaml).")
  Path configFile;

  @Option(names = "--feed", paramLabel = "URL",
      description = "Feed to poll: http(s) URL, file: URL or file path. Repeatable; replaces the configured feeds.")
  List<String> feeds = new ArrayList<>();

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the embedded broker and the Streams state keep their data (default: ./data).")
  Path dataDir;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Port of the embedded broker (default: 9092).")
  Integer port;

  /** The configuration after defaults, --config and these options. */
  public FeedpipeConfig resolve() {
    Path home = Path.of(System.getProperty("feedpipe.home", ".")).toAbsolutePath().normalize();
    FeedpipeConfig base = new ConfigLoader(home).load(Optional.ofNullable(configFile));
    ProducerSettings producer = null;
    if (!feeds.isEmpty()) {
      List<FeedSource> feedList = new ArrayList<>();
      Path cwd = Path.of("").toAbsolutePath();
      for (String feed : feeds) {
        try {
          feedList.add(FeedSource.fromUrl(ConfigLoader.toUrl(feed, cwd)));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("--feed " + feed + ": " + e.getMessage());
        }
      }
      try {
        producer = base.producer().toBuilder().staticFeeds(feedList).build();
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--feed: " + e.getMessage());
      }
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new ConfigException("--port must be between 1 and 65535, got " + port);
    }
    Optional<String> servers = bootstrapServers == null || bootstrapServers.isBlank() ? null : Optional.of(bootstrapServers.strip());
    return base.with(servers, port, dataDir, producer);
  }
}

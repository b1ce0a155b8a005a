package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.ConfigLoader;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.KafkaClientProperties;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --config} and {@code --bootstrap-servers}, and the one place that turns the command line
 * into a {@link FeedpipeConfig}: built-in defaults, then the file, then the options.
 */
public class ConfigOptions extends ClusterOptions {

  @Option(names = "--config", paramLabel = "FILE", descriptionKey = "config",
      description = "YAML configuration file; overrides the built-in defaults (every setting and its default: "
          + "app/src/main/resources/feedpipe-defaults.yaml).")
  Path configFile;

  /** The configuration after the defaults, --config and these options. */
  public FeedpipeConfig resolve() {
    return resolve(null, null, List.of());
  }

  /**
   * The configuration after the defaults, --config, --bootstrap-servers and the overrides the
   * subclasses' options give (null or empty: keep the configured value).
   */
  final FeedpipeConfig resolve(Integer port, Path dataDir, List<String> feeds) {
    Path home = Path.of(System.getProperty("feedpipe.home", ".")).toAbsolutePath().normalize();
    FeedpipeConfig base = new ConfigLoader(home).load(Optional.ofNullable(configFile));
    if (port != null && (port < 1 || port > 65535)) {
      throw new ConfigException("--port must be between 1 and 65535, got " + port);
    }
    ProducerSettings producer = feeds.isEmpty() ? null : withFeeds(base.producer(), feeds);
    Optional<String> servers = bootstrapServers();
    return base.with(servers.isPresent() ? servers : null, port, dataDir, producer);
  }

  private static ProducerSettings withFeeds(ProducerSettings configured, List<String> feeds) {
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
      return configured.toBuilder().staticFeeds(feedList).build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--feed: " + e.getMessage());
    }
  }

  /** The cluster of a resolved configuration: the configured one, else the embedded broker's address. */
  static String bootstrap(FeedpipeConfig config) {
    return config.bootstrapServers().orElse("127.0.0.1:" + config.brokerPort());
  }

  /** Bootstrap servers and the configured client properties. */
  static Map<String, Object> clientProps(FeedpipeConfig config) {
    return KafkaClientProperties.of(config, bootstrap(config));
  }
}

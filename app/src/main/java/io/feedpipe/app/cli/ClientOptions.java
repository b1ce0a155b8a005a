package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigLoader;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.KafkaClientProperties;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the Kafka cluster is, for the commands that are only its clients (sink, replay, lag): they
 * never start the embedded broker, and take no feed options.
 */
public final class ClientOptions {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]",
      description = "Kafka cluster to use. Default: the embedded broker on 127.0.0.1 (started by ./feedpipe run or ./feedpipe broker).")
  String bootstrapServers;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML configuration file; these commands use its kafka.bootstrap-servers, kafka.properties (e.g. security settings) and broker.port.")
  Path configFile;

  @Option(names = "--port", paramLabel = "PORT", description = "Port of the embedded broker (default: 9092).")
  Integer port;

  /** The configuration after the defaults, --config and these options. */
  FeedpipeConfig resolve() {
    Path home = Path.of(System.getProperty("feedpipe.home", ".")).toAbsolutePath().normalize();
    FeedpipeConfig base = new ConfigLoader(home).load(Optional.ofNullable(configFile));
    if (port != null && (port < 1 || port > 65535)) {
      throw new io.feedpipe.app.config.ConfigException("--port must be between 1 and 65535, got " + port);
    }
    Optional<String> servers = bootstrapServers == null || bootstrapServers.isBlank() ? null : Optional.of(bootstrapServers.strip());
    return base.with(servers, port, null, null);
  }

  static String bootstrap(FeedpipeConfig config) {
    return config.bootstrapServers().orElse("127.0.0.1:" + config.brokerPort());
  }

  /** Bootstrap servers and the configured client properties. */
  static Map<String, Object> clientProps(FeedpipeConfig config) {
    return KafkaClientProperties.of(config, bootstrap(config));
  }
}

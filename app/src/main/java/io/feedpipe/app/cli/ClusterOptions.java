package io.feedpipe.app.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers}, declared once for every command that talks to Kafka. The base of
 * the option mixins: {@link ConfigOptions} adds the configuration file, {@link ClientOptions} the
 * embedded broker's port, {@link CommonOptions} the feeds and data directory.
 *
 * <p>Where a command gives the option another meaning (the benchmarks want a scratch cluster), its
 * resource bundle words the help under the key {@code bootstrap-servers}.
 */
public class ClusterOptions {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]", descriptionKey = "bootstrap-servers",
      description = "Kafka cluster to use; overrides kafka.bootstrap-servers. Without either, feedpipe uses the embedded broker on "
          + "127.0.0.1, which the run and broker commands start.")
  String bootstrapServers;

  /** The cluster given on the command line, if any. */
  public Optional<String> bootstrapServers() {
    return bootstrapServers == null || bootstrapServers.isBlank() ? Optional.empty() : Optional.of(bootstrapServers.strip());
  }
}

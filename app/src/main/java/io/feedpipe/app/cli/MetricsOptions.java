package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.run.MetricsEndpoint;
import io.feedpipe.ops.metrics.ListenAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --metrics [HOST:]PORT}: the metrics and health endpoint of a long-running command (run,
 * produce, streams, sink postgres, sink jsonl; lag takes it as {@code --serve} too). Off by default.
 */
public final class MetricsOptions {

  @Option(names = "--metrics", paramLabel = "[HOST:]PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics and health at /health/live and /health/ready "
          + "(see docs/metrics.md). HOST defaults to 127.0.0.1 (this machine only); 0.0.0.0 lets other hosts scrape it. Off by default.")
  String metrics;

  /** The address to serve on, when given. */
  public Optional<InetSocketAddress> address() {
    return parse(metrics, "--metrics");
  }

  static Optional<InetSocketAddress> parse(String text, String option) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ListenAddress.parse(text, option));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** The endpoint of the command whose {@code process} tag is {@code process}; off without the option. */
  MetricsEndpoint open(String process) {
    return MetricsEndpoint.open(address(), process);
  }
}

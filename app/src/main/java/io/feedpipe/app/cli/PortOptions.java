package io.feedpipe.app.cli;

import io.feedpipe.app.config.FeedpipeConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** {@link ConfigOptions} and the embedded broker's {@code --port}: what the commands that use feedpipe's own cluster take. */
public class PortOptions extends ConfigOptions {

  @Option(names = "--port", paramLabel = "PORT", description = "Port of the embedded broker (default: 9092).")
  Integer port;

  @Override
  public FeedpipeConfig resolve() {
    return resolve(port, null, List.of());
  }
}

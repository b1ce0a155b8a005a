package io.feedpipe.app.cli;

import io.feedpipe.app.config.FeedpipeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the commands that run feedpipe (run, produce, streams, broker, feeds, tail); they override the configuration file. */
public final class CommonOptions extends PortOptions {

  @Option(names = "--feed", paramLabel = "URL",
      description = "Feed to poll: http(s) URL, file: URL or file path. Repeatable; replaces the configured feeds.")
  List<String> feeds = new ArrayList<>();

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the embedded broker and the Streams state keep their data (default: ./data).")
  Path dataDir;

  @Override
  public FeedpipeConfig resolve() {
    return resolve(port, dataDir, feeds);
  }
}

package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.DurationText;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.MetricsEndpoint;
import io.feedpipe.sinks.jsonl.ByteSize;
import io.feedpipe.sinks.jsonl.JsonlSink;
import io.feedpipe.sinks.jsonl.JsonlSinkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "jsonl",
    description = {
      "Archives topics as gzip-compressed JSON-lines files: DIR/<topic>/<topic>-<partition>-<first offset>-<last offset>.jsonl.gz, "
          + "one line per record: {\"topic\", \"partition\", \"offset\", \"timestamp\", \"key\", \"value\"} (values of feedpipe's topics decoded). "
          + "A file is finished (fsynced, renamed to its final name) when it reaches --roll-size or --roll-interval, and on Ctrl-C.",
      "Exactly once across crashes: the position is in the file names, not in Kafka. On start the sink deletes unfinished files "
          + "and resumes each partition after the last offset its finished files hold; no line is lost or written twice, even after kill -9. "
          + "One sink per directory."
    },
    footer = {
      "",
      "Examples:",
      "  ./feedpipe sink jsonl --dir archive/",
      "  ./feedpipe sink jsonl --dir archive/ --topic posts.clean --topic feeds.status --roll-interval 1h",
      "  zcat archive/posts.clean/*.jsonl.gz | jq -r '.value.title'"
    })
public final class SinkJsonlCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Mixin MetricsOptions metricsOptions;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The archive directory (created if missing); one folder per topic.")
  Path dir;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "A topic to archive; repeatable (default: posts.clean). Any topic works.")
  List<String> topics = new ArrayList<>();

  @Option(names = "--group", paramLabel = "GROUP", description = "Consumer group (default: " + JsonlSinkSettings.DEFAULT_GROUP + ").")
  String group;

  @Option(names = "--roll-size", paramLabel = "SIZE", defaultValue = "64MB",
      description = "Start a new file when the current one holds this many compressed bytes, e.g. 512KB, 64MB (default: ${DEFAULT-VALUE}).")
  String rollSize;

  @Option(names = "--roll-interval", paramLabel = "DURATION", defaultValue = "5m",
      description = "Start a new file when the current one is this old: the longest a record waits to be in a finished file (default: ${DEFAULT-VALUE}).")
  String rollInterval;

  @Override
  public Integer call() throws Exception {
    FeedpipeConfig config = client.resolve();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ConfigException("--dir " + dir + ": exists and is not a directory");
    }
    long bytes;
    try {
      bytes = ByteSize.parse(rollSize);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--roll-size: " + e.getMessage());
    }
    Duration interval;
    try {
      interval = DurationText.parse(rollInterval);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--roll-interval: " + e.getMessage());
    }
    JsonlSinkSettings settings;
    try {
      List<String> names = SinkCommand.topicNames(config, topics);
      settings = new JsonlSinkSettings(dir, names, group, null, bytes, interval);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("sink jsonl: " + e.getMessage());
    }
    try (MetricsEndpoint endpoint = metricsOptions.open("sink-jsonl")) {
      Map<String, Object> props = SinkLifecycle.watched(endpoint, ClientOptions.clientProps(config), settings.groupId(), "feedpipe-sink-jsonl");
      JsonlSink sink = endpoint.enabled() ? new JsonlSink(settings, props, config.topics(), endpoint.registry()) : new JsonlSink(settings, props, config.topics());
      endpoint.started();
      return SinkLifecycle.runUntilShutdown(sink::run, sink::stopAndAwait);
    }
  }
}

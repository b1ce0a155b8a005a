package io.feedpipe.app.cli;

import io.feedpipe.app.config.FeedpipeConfig;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    mixinStandardHelpOptions = true,
    name = "sink",
    description = "Runs a reference sink: a consumer group that writes feedpipe's topics somewhere else, idempotently, committing offsets only after the write is durable, so it is safe to stop, crash, restart and replay.",
    subcommands = {SinkJsonlCommand.class, SinkPostgresCommand.class},
    footer = {
      "",
      "Examples:",
      "  ./feedpipe sink jsonl --dir archive/                                   posts.clean as gzip JSON lines",
      "  ./feedpipe sink postgres --jdbc-url jdbc:postgresql://localhost/feedpipe --user feedpipe",
      "See docs/consuming.md."
    })
public final class SinkCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "sink: name the kind of sink: jsonl or postgres");
  }

  /**
   * The topics a sink reads: {@code posts.clean} when none is named. Base names (posts.clean,
   * feeds.status, posts.route.&lt;rule&gt;, …) take topics.prefix; other names are used as given.
   */
  static List<String> topicNames(FeedpipeConfig config, List<String> topics) {
    return topics.isEmpty() ? List.of(config.topics().clean()) : topics.stream().map(config.topics()::resolve).toList();
  }
}

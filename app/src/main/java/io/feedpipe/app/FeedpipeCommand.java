package io.feedpipe.app;

import io.feedpipe.app.cli.BenchCommand;
import io.feedpipe.app.cli.BenchMemoryCommand;
import io.feedpipe.app.cli.BenchProducerCommand;
import io.feedpipe.app.cli.BenchRecoveryCommand;
import io.feedpipe.app.cli.BrokerCommand;
import io.feedpipe.app.cli.FeedsCommand;
import io.feedpipe.app.cli.LagCommand;
import io.feedpipe.app.cli.ProduceCommand;
import io.feedpipe.app.cli.ReplayCommand;
import io.feedpipe.app.cli.ReprocessCommand;
import io.feedpipe.app.cli.RoutesCommand;
import io.feedpipe.app.cli.RunCommand;
import io.feedpipe.app.cli.SinkCommand;
import io.feedpipe.app.cli.StreamsCommand;
import io.feedpipe.app.cli.TailCommand;
import io.feedpipe.app.config.ConfigException;
import io.feedpipe.web.http.HttpServerLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code feedpipe} command line. */
@Command(
    name = "feedpipe",
    mixinStandardHelpOptions = true,
    version = "feedpipe 0.1.0",
    description = "Streams posts from RSS/Atom feeds into Apache Kafka as Avro records, and dedupes, cleans and routes them with Kafka Streams (exactly-once).",
    subcommands = {RunCommand.class, BrokerCommand.class, ProduceCommand.class, StreamsCommand.class, TailCommand.class, FeedsCommand.class, SinkCommand.class, ReplayCommand.class, ReprocessCommand.class, LagCommand.class, RoutesCommand.class, io.feedpipe.app.cli.WebCommand.class, BenchProducerCommand.class, BenchCommand.class, BenchMemoryCommand.class, BenchRecoveryCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Start here:",
      "  ./feedpipe run                                   broker + streams + producer on the bundled sample feed",
      "  ./feedpipe tail posts.clean --from-beginning     in another terminal: the cleaned posts as JSON lines",
      "  ./feedpipe help run                              every option of a command",
      "Configuration: built-in defaults, overridden by --config FILE.yaml, overridden by options.",
      "See README.md and docs/ for topics, schemas and operations."
    })
public final class FeedpipeCommand implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(FeedpipeCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  public static void main(String[] args) {
    poolAsyncStages();
    // Every HTTP endpoint of the command (--metrics, lag --serve, web) runs on the JDK's server,
    // which waits for a request's headers without a limit by default: time limits before the first
    // one is created, unless given with -D (HttpServerLimits says why).
    HttpServerLimits.applyDefaults(System.getProperties());
    System.exit(execute(args));
  }

  static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  /**
   * On a machine with two cores or fewer the JDK's common pool has one thread, and {@link
   * java.util.concurrent.CompletableFuture} then runs every async stage on a thread of its own. The
   * JDK HTTP client completes each response through such a stage, so the producer started one
   * thread per fetched feed (20,000 in a 10,000-feed benchmark round, ~10% of the JVM's CPU). Two
   * common-pool threads keep those stages pooled. Must run before anything loads CompletableFuture;
   * an explicit {@code -D} setting wins.
   */
  static void poolAsyncStages() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(COMMON_POOL_PARALLELISM, "2");
    }
  }

  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new FeedpipeCommand());
    cli.setUsageHelpWidth(100);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof ConfigException) {
        commandLine.getErr().println("feedpipe " + commandLine.getCommandName() + ": " + e.getMessage());
        return 2;
      }
      log.debug("command failed", e);
      commandLine.getErr().println("feedpipe " + commandLine.getCommandName() + ": " + describe(e));
      return 1;
    });
    return cli.execute(args);
  }

  private static String describe(Throwable e) {
    StringBuilder message = new StringBuilder(e.getMessage() == null ? e.toString() : e.getMessage());
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
    }
    return message.toString();
  }
}

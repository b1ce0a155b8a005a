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
import io.feedpipe.app.cli.WebCommand;
import io.feedpipe.app.config.ConfigException;
import io.feedpipe.web.http.HttpServerLimits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code feedpipe} command line. Build it with {@link #commandLine(String...)}: the commands are
 * added there, not named in the annotation.
 */
@Command(
    name = "feedpipe",
    mixinStandardHelpOptions = true,
    version = "feedpipe 0.1.0",
    description = "Streams posts from RSS/Atom feeds into Apache Kafka as Avro records, and dedupes, cleans and routes them with Kafka Streams (exactly-once).",
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
   * java.util.concurrent.CompletableFuture} then runs every async stage without an executor of its
   * own on a new thread. The JDK HTTP client the producer once used completed each response that
   * way (20,000 threads in a 10,000-feed benchmark round, ~10% of the JVM's CPU); the libraries of
   * the other commands (Kafka's admin and Streams clients, the JDK's HTTP server) may do the same.
   * Two common-pool threads keep such stages pooled. Must run before anything loads
   * CompletableFuture; an explicit {@code -D} setting wins.
   */
  static void poolAsyncStages() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(COMMON_POOL_PARALLELISM, "2");
    }
  }

  /**
   * The subcommands, in the order {@code --help} lists them. Built in code rather than named in the
   * annotation so that a run of one command builds only that command's model: picocli builds a
   * command's model by reflection over its options, mixins and their types, and building all of
   * them took about a quarter of a second of every start (a quarter of {@code produce --once}'s
   * start-up before its first fetch).
   */
  private static final Map<String, Class<?>> SUBCOMMANDS = byName(RunCommand.class, BrokerCommand.class, ProduceCommand.class,
      StreamsCommand.class, TailCommand.class, FeedsCommand.class, SinkCommand.class, ReplayCommand.class, ReprocessCommand.class,
      LagCommand.class, RoutesCommand.class, WebCommand.class, BenchProducerCommand.class, BenchCommand.class,
      BenchMemoryCommand.class, BenchRecoveryCommand.class, CommandLine.HelpCommand.class);

  /** The commands by the name each one's {@code @Command} gives it (reading the annotation builds no model). */
  private static Map<String, Class<?>> byName(Class<?>... commands) {
    Map<String, Class<?>> named = new LinkedHashMap<>();
    for (Class<?> command : commands) {
      named.put(command.getAnnotation(Command.class).name(), command);
    }
    return Collections.unmodifiableMap(named);
  }

  /**
   * The command line for {@code args}: when they start with a command's name, the top level with
   * only that command; otherwise (no command, {@code --help}, {@code help}, a misspelt name, which
   * picocli answers with the closest names) the top level with all of them.
   */
  public static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new FeedpipeCommand());
    String first = args.length > 0 ? args[0] : null;
    if (first != null && !first.equals("help") && SUBCOMMANDS.containsKey(first)) {
      cli.addSubcommand(first, SUBCOMMANDS.get(first));
    } else {
      SUBCOMMANDS.forEach(cli::addSubcommand);
    }
    return cli;
  }

  public static int execute(String... args) {
    CommandLine cli = commandLine(args);
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

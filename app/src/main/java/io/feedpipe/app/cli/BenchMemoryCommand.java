package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.DurationText;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.bench.memory.BenchMemoryRun;
import io.feedpipe.bench.memory.Report;
import io.feedpipe.bench.memory.Timeline;
import io.feedpipe.bench.support.BenchSettings;
import io.feedpipe.bench.support.BenchSetupException;
import io.feedpipe.streams.topology.DedupeSweep;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code feedpipe bench-memory}: shows that the dedupe store on disk and the Streams heap stay within
 * their documented bounds over many distinct posts, and that retention forgets old ids. Writes N
 * distinct synthetic posts to posts.raw (no HTTP: the Streams side is the point), runs the real
 * topology over them in this JVM on a clock that follows the posts' simulated fetch times (so the
 * hourly sweep runs as it would over that much time), samples the store's files, RocksDB's key
 * estimate and the heap, and prints a table of measures, bounds and PASS/EXCEEDED. Exit code 3 when
 * a bound is exceeded. Bounds and results: docs/benchmarks-and-faults.md, "Memory bounds".
 */
@Command(
    name = "bench-memory",
    resourceBundle = "io.feedpipe.app.cli.BenchMemoryCommand",
    mixinStandardHelpOptions = true,
    description = "Benchmarks the Streams app's memory: writes N distinct synthetic posts to posts.raw of an embedded broker (temporary "
        + "directory, free port) or --bootstrap-servers, runs the real topology over them on a simulated clock spanning "
        + "--simulated-span, and checks that the dedupe store on disk, the ids it remembers, the heap after GC and RocksDB's "
        + "off-heap memory (streams.rocksdb-memory) stay within bounds derived from the settings, while expired ids are forgotten. Progress on standard error, the table on standard output; "
        + "exit code 3 if a bound is exceeded. Run the JVM with the heap to check, e.g. FEEDPIPE_JAVA_OPTS=-Xmx512m.",
    footer = {
      "",
      "Examples:",
      "  FEEDPIPE_JAVA_OPTS=-Xmx512m ./feedpipe bench-memory --posts 1000000 --retention 1h",
      "  ./feedpipe bench-memory --posts 20000 --retention 1h --simulated-span 12h"
    })
public final class BenchMemoryCommand implements Callable<Integer> {

  /** Exit code when the run completed but a bound was exceeded. */
  public static final int EXIT_BOUND_EXCEEDED = 3;

  @Spec CommandSpec spec;

  @Option(names = "--posts", paramLabel = "N", description = "Distinct posts to write and process (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000000")
  long posts;

  @Option(names = "--retention", paramLabel = "DURATION",
      description = "streams.dedupe-retention for the run, at least 1m (default: ${DEFAULT-VALUE}).", defaultValue = "1h")
  String retention;

  @Option(names = "--simulated-span", paramLabel = "DURATION",
      description = "Simulated time over which the posts were fetched, evenly; the clock of the Streams app follows it (default: "
          + "${DEFAULT-VALUE}, i.e. N/24 new ids per simulated hour).", defaultValue = "24h")
  String span;

  @Option(names = "--feeds", paramLabel = "N", description = "Feeds the posts are spread over (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000")
  int feeds;

  @Option(names = "--post-size", paramLabel = "BYTES", description = "Approximate HTML size of each post (default: ${DEFAULT-VALUE}).",
      defaultValue = "1500")
  int postSize;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the synthetic posts (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  @Option(names = "--sample-interval", paramLabel = "DURATION",
      description = "How often the store on disk, its keys and the heap are measured (default: ${DEFAULT-VALUE}).", defaultValue = "1s")
  String sampleInterval;

  @Option(names = "--progress-interval", paramLabel = "DURATION",
      description = "How often a progress line is printed (default: ${DEFAULT-VALUE}).", defaultValue = "5s")
  String progressInterval;

  @Option(names = "--full-gc-interval", paramLabel = "DURATION",
      description = "How often a full GC is forced to measure the live heap; 0s: only at the end (default: ${DEFAULT-VALUE}).",
      defaultValue = "30s")
  String fullGcInterval;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "Longest the processing may take (default: ${DEFAULT-VALUE}).",
      defaultValue = "2h")
  String timeout;

  @Mixin ConfigOptions configOptions;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the temporary directory for the broker and the store is made (default: the system's temporary directory).")
  Path workDir;

  @Option(names = "--keep-data", description = "Keep the temporary directory (store files, broker data) for inspection.")
  boolean keepData;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command on its own (it is also a subcommand of feedpipe): bad options exit 2, failures 1. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** As {@link #execute(String...)}, printing to {@code out} and {@code err}. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new BenchMemoryCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setUsageHelpWidth(100);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("feedpipe bench-memory: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return e instanceof ConfigException ? 2 : 1;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    BenchMemoryRun.Options options = options();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BenchMemoryRun.Result result;
    try {
      result = new BenchMemoryRun(options, err).run();
    } catch (BenchSetupException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    List<Report.Row> rows = Report.rows(result.summary(), result.bounds());
    out.printf("bench-memory: %,d distinct posts over %s simulated, retention %s (swept every %s), %d partitions, -Xmx %s%n",
        options.posts(), Report.duration(options.span()), Report.duration(options.retention()),
        Report.duration(DedupeSweep.interval(options.retention())), result.partitions(), Report.bytes(result.summary().maxHeap()));
    out.print(Report.table(rows));
    out.println("Bounds derived as follows (docs/benchmarks-and-faults.md, \"Memory bounds\"):");
    result.bounds().derivation().forEach(line -> out.println("  " + line));
    out.println("  " + Report.rocksDbDerivation(result.summary().rocksDbBudget()));
    boolean pass = Report.allPass(rows);
    out.println(pass ? "All bounds held." : "A bound was EXCEEDED.");
    out.flush();
    return pass ? 0 : EXIT_BOUND_EXCEEDED;
  }

  BenchMemoryRun.Options options() {
    if (posts < 1 || posts > 100_000_000) {
      throw new ConfigException("--posts must be between 1 and 100,000,000, was " + posts);
    }
    Duration retentionValue = duration("--retention", retention);
    if (retentionValue.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new ConfigException("--retention must be at least 1m (as streams.dedupe-retention), was " + retention);
    }
    Duration spanValue = duration("--simulated-span", span);
    if (spanValue.compareTo(Duration.ofMinutes(1)) < 0 || spanValue.compareTo(Timeline.MAX_SPAN) > 0) {
      throw new ConfigException("--simulated-span must be between 1m and " + Report.duration(Timeline.MAX_SPAN) + ", was " + span);
    }
    if (feeds < 1) {
      throw new ConfigException("--feeds must be at least 1, was " + feeds);
    }
    if (postSize < 200 || postSize > 1_000_000) {
      throw new ConfigException("--post-size must be between 200 and 1,000,000 bytes, was " + postSize);
    }
    Duration sample = duration("--sample-interval", sampleInterval);
    Duration progress = duration("--progress-interval", progressInterval);
    Duration fullGc = duration("--full-gc-interval", fullGcInterval);
    Duration timeoutValue = duration("--timeout", timeout);
    if (sample.toMillis() < 100 || progress.isNegative() || fullGc.isNegative() || timeoutValue.toMillis() < 1) {
      throw new ConfigException("--sample-interval must be at least 100ms, --progress-interval and --full-gc-interval not negative, "
          + "--timeout positive");
    }
    FeedpipeConfig config = configOptions.resolve();
    Optional<String> servers = configOptions.bootstrapServers();
    // Only --bootstrap-servers picks a cluster (the run uses topic names of its own), so kafka.bootstrap-servers of a
    // configuration file (a live deployment, likely) is never used.
    BenchSettings settings = new BenchSettings(servers, config.kafkaProperties(), config.streamsSettings(), config.producer());
    return new BenchMemoryRun.Options(posts, retentionValue, spanValue, feeds, postSize, seed, sample, progress, fullGc, timeoutValue,
        Optional.ofNullable(workDir), keepData, settings);
  }

  private static Duration duration(String option, String text) {
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(option + ": " + e.getMessage());
    }
  }
}

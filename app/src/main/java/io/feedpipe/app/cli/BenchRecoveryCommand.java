package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.DurationText;
import io.feedpipe.app.recovery.RecoveryBench;
import io.feedpipe.app.recovery.RecoveryReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code feedpipe bench-recovery}: how long the Streams stage takes to work again after a crash, with
 * N ids in its dedupe store. See {@link RecoveryBench}; results in docs/results.md.
 */
@Command(
    name = "bench-recovery",
    mixinStandardHelpOptions = true,
    description = "Benchmarks crash recovery of the Streams stage. Starts an embedded broker (temporary directory, free port), runs "
        + "`feedpipe streams` as a child JVM over N distinct small synthetic posts so that its dedupe store and changelog hold N ids, "
        + "then restarts it three ways and times each from the restart until a probe post written right after it appears in "
        + "posts.clean: after kill -9 with feedpipe's settings (transactional state stores, static membership), after a clean "
        + "stop (the ceiling), and after kill -9 with Kafka 4.3's behaviour (store wiped and restored from the whole changelog, "
        + "a dynamic member waiting out the 45 s session). Progress on standard error, the table on standard output.",
    footer = {
      "",
      "Examples:",
      "  ./feedpipe bench-recovery --ids 1000000",
      "  ./feedpipe bench-recovery --ids 50000 --keep-data     quick look; keeps the child's log and data"
    })
public final class BenchRecoveryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--ids", paramLabel = "N", description = "Distinct post ids in the dedupe store before the restarts (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000000")
  long ids;

  @Option(names = "--post-size", paramLabel = "BYTES",
      description = "Approximate HTML size of each synthetic post; small, since the store keeps hashes and a sketch per id, not the "
          + "post, and the time to fill the store is cleaning time (default: ${DEFAULT-VALUE}).", defaultValue = "300")
  int postSize;

  @Option(names = "--feeds", paramLabel = "N", description = "Feeds the posts are spread over (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000")
  int feeds;

  @Option(names = "--child-heap", paramLabel = "SIZE", description = "-Xmx of the `feedpipe streams` child JVM (default: ${DEFAULT-VALUE}).",
      defaultValue = "512m")
  String childHeap;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Longest the filling, and each restart, may take (default: ${DEFAULT-VALUE}).", defaultValue = "30m")
  String timeout;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the temporary directory for the broker and the store is made (default: the system's temporary directory).")
  Path workDir;

  @Option(names = "--keep-data", description = "Keep the temporary directory (broker data, the child's state and log) for inspection.")
  boolean keepData;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchRecoveryCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (ids < 1 || ids > 100_000_000) {
      throw new ConfigException("--ids must be between 1 and 100,000,000, was " + ids);
    }
    if (postSize < 200 || postSize > 1_000_000) {
      throw new ConfigException("--post-size must be between 200 and 1,000,000 bytes, was " + postSize);
    }
    if (feeds < 1) {
      throw new ConfigException("--feeds must be at least 1, was " + feeds);
    }
    if (!childHeap.matches("[0-9]+[kKmMgG]?")) {
      throw new ConfigException("--child-heap must be a JVM heap size such as 512m or 1g, was " + childHeap);
    }
    Duration timeoutValue;
    try {
      timeoutValue = DurationText.parse(timeout);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--timeout: " + e.getMessage());
    }
    Path dir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    var result = new RecoveryBench(new RecoveryBench.Options(ids, postSize, feeds, timeoutValue, dir, keepData, childHeap), err).run();
    out.print(RecoveryReport.table(result));
    out.flush();
    return 0;
  }
}

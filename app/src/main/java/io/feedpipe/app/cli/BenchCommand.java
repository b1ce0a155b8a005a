package io.feedpipe.app.cli;

import ch.qos.logback.classic.Level;
import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.bench.pipeline.BenchReport;
import io.feedpipe.bench.pipeline.BenchRun;
import io.feedpipe.bench.pipeline.DeliveryLedger;
import io.feedpipe.bench.pipeline.PacedResult;
import io.feedpipe.bench.pipeline.RateSteps;
import io.feedpipe.bench.support.BenchSettings;
import io.feedpipe.bench.support.BenchSetupException;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.schemas.topics.TopicCreator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code feedpipe bench}: the whole pipeline measured against the machine's ceilings (raw Kafka,
 * a pass-through exactly-once Streams app) and the floor of the work (a bare Jsoup parse), on
 * generated LessWrong-like posts served from a local HTTP server. See {@link BenchRun}.
 */
@Command(
    name = "bench",
    resourceBundle = "io.feedpipe.app.cli.BenchCommand",
    mixinStandardHelpOptions = true,
    description = "Benchmarks the whole pipeline on N distinct LessWrong-like posts (10-25 KB of HTML each) served as feeds from "
        + "127.0.0.1, on an embedded broker (temporary directory, free port) or --bootstrap-servers. One table: the ceiling (raw Kafka "
        + "produce -> consume of the same records, a pass-through Streams app under exactly_once_v2), the floor (a bare Jsoup parse), "
        + "feedpipe's producer stage, Streams stage and whole pipeline (posts/s, MB/s, CPU seconds per 1,000 posts, peak heap), "
        + "end-to-end latency (p50, p99, max) and the ratios between them; what the first batch wrote to the broker per topic "
        + "(changelogs included) against posts.raw, and what posts.clean carries per field. With --rate, paced steps at a steady "
        + "load follow. Exits 1 only when posts were lost or duplicated (checked with a read_committed reader); it never asserts a "
        + "time.",
    footer = {
      "",
      "Examples:",
      "  ./feedpipe bench                                   20,000 posts; 5-8 minutes on 2 busy cores",
      "  ./feedpipe bench --posts 2000 --out bench.md       a quick run, with a Markdown copy of the table",
      "  ./feedpipe bench --streams-threads 1 --out bench.json",
      "  ./feedpipe bench --metrics-cost 2                  also the Streams stage without and with metrics, 2 runs each",
      "  ./feedpipe bench --warmup-posts 0                  the Streams rows cold: the JIT compiles during them",
      "  ./feedpipe bench --posts 4000 --rate auto          also steady load at 1/4 … 2 × the stage's rate",
      "  ./feedpipe bench --rate 100,200,400 --duration 60  also 100, 200 and 400 posts/s, a minute each",
      "  ./feedpipe bench --bootstrap-servers kafka1:9092   next to a running pipeline: the bench's topics are bench-<id>.*"
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--posts", paramLabel = "N", defaultValue = "20000",
      description = "Distinct posts per batch (default: ${DEFAULT-VALUE}); a second batch of N other posts runs through the whole pipeline.")
  int posts;

  @Option(names = "--posts-per-feed", paramLabel = "K", defaultValue = "20",
      description = "Items per feed document (default: ${DEFAULT-VALUE}, as LessWrong's feed).")
  int postsPerFeed;

  @Option(names = "--partitions", paramLabel = "P", description = "Partitions of every topic (default: topics.partitions, 6).")
  Integer partitions;

  @Option(names = "--streams-threads", paramLabel = "T",
      description = "Stream threads of the Streams runs (default: the number of cores, so the Streams stage can use them all).")
  Integer streamsThreads;

  @Option(names = "--concurrency", paramLabel = "C",
      description = "Concurrent fetches of the producer (default: producer.max-concurrent-fetches, 16).")
  Integer concurrency;

  @Option(names = "--metrics-cost", paramLabel = "RUNS", defaultValue = "0",
      description = "After the stages, run the Streams stage RUNS times each without and with a metrics registry (interleaved) and "
          + "print what the metrics cost in throughput (default: ${DEFAULT-VALUE}, not measured; 1 adds two Streams runs).")
  int metricsCostRuns;

  @Option(names = "--warmup-posts", paramLabel = "N",
      description = "Posts run through feedpipe's topology (and the pass-through once over the ceiling's records), untimed, before "
          + "the timed Streams runs, so that they measure compiled code as in a pipeline that has run for a while (default: the "
          + "batch, at most 20,000; up to 10 × --posts, as rounds over the batch; 0: none, and the Streams rows include the JIT at "
          + "work).")
  Integer warmupPosts;

  @Option(names = "--rate", paramLabel = "auto|N[,N…]",
      description = "After the burst stages, paced steps: posts published at a steady N posts/s on many feeds, each feed polled on "
          + "its own schedule by the real producer, through the same Streams app; reports latency fetch → posts.clean and "
          + "publication → posts.clean (p50, p99, max) per step and the highest rate held (every post, p99 fetch → posts.clean "
          + "≤ 1 s). 'auto': 1/4, 1/2, 3/4, 1, 1.5 and 2 × the Streams stage's burst rate of the same run, stopping at the "
          + "first step above half that does not hold, then one step halfway between it and the highest rate held (half is the "
          + "acceptance point); N,N…: those rates. Default: no paced steps.")
  String rate;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "20",
      description = "How long each paced step publishes posts (default: ${DEFAULT-VALUE}); a step then waits until every post is "
          + "in posts.clean. Longer steps give steadier p99s.")
  int durationSeconds;

  @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "1",
      description = "Each feed's poll interval in paced steps (default: ${DEFAULT-VALUE}). The number of feeds follows: rate × "
          + "interval ÷ --posts-per-feed, so that a poll finds about --posts-per-feed new posts. Publication → posts.clean "
          + "includes up to one interval of waiting for the poll.")
  double pollIntervalSeconds;

  @Mixin ConfigOptions configOptions;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the table to FILE: JSON when it ends in .json, else Markdown.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (out != null && out.toAbsolutePath().getParent() != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
      throw new ConfigException("--out " + out + ": directory " + out.toAbsolutePath().getParent() + " does not exist");
    }
    Path home = Path.of(System.getProperty("feedpipe.home", ".")).toAbsolutePath().normalize();
    FeedpipeConfig config = configOptions.resolve();
    BenchSettings settings = new BenchSettings(config.bootstrapServers(), config.kafkaProperties(), config.streamsSettings(),
        config.producer());
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    long start = System.nanoTime();
    BenchReport report;
    try {
      BenchRun.Options options = new BenchRun.Options(posts, postsPerFeed,
          partitions != null ? partitions : config.partitions(),
          streamsThreads != null ? streamsThreads : Runtime.getRuntime().availableProcessors(),
          concurrency != null ? concurrency : config.producer().schedule().maxConcurrentFetches(), metricsCostRuns,
          rate == null ? null : RateSteps.parse(rate), Duration.ofSeconds(durationSeconds),
          Duration.ofMillis(Math.round(pollIntervalSeconds * 1000)),
          warmupPosts != null ? warmupPosts : BenchRun.Options.defaultWarmupPosts(posts));
      quietLogs();
      report = new BenchRun(settings, options, home, stderr).run();
    } catch (BenchSetupException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    stdout.print(report.text());
    stdout.flush();
    if (out != null) {
      write(out, out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? report.json() : report.markdown());
    }
    stderr.printf(Locale.ROOT, "bench: done in %.0f s%n", (System.nanoTime() - start) / 1e9);
    if (!report.exactlyOnce()) {
      for (DeliveryLedger.Check check : report.checks()) {
        if (!check.exactlyOnce()) {
          stderr.println("feedpipe bench: NOT EXACTLY ONCE — " + check.describe());
        }
      }
      if (report.paced() != null) {
        for (PacedResult step : report.paced().steps()) {
          if (step.arrived() != step.expected() || step.duplicated() > 0) {
            stderr.printf(Locale.ROOT, "feedpipe bench: NOT EXACTLY ONCE — paced %,.0f posts/s: %,d of %,d posts in posts.clean, %,d "
                + "duplicated%n", step.rate(), step.arrived(), step.expected(), step.duplicated());
          }
        }
      }
      stderr.flush();
      return 1;
    }
    stderr.flush();
    return 0;
  }

  /** Keeps standard error to the progress lines and what matters. */
  private static void quietLogs() {
    // One line per feed fetched, per topic created.
    setLevel(FeedProducer.class.getName(), Level.WARN);
    setLevel(TopicCreator.class.getName(), Level.WARN);
    // Paced steps: partitions of the feed list assigned and released, once per step.
    setLevel("io.feedpipe.producer.kafka.ManagedFeedList", Level.WARN);
    // The state directory is a temporary one on purpose.
    setLevel("org.apache.kafka.streams.processor.internals.StateDirectory", Level.ERROR);
  }

  private static void setLevel(String loggerName, Level level) {
    if (LoggerFactory.getLogger(loggerName) instanceof ch.qos.logback.classic.Logger logger) {
      logger.setLevel(level);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("--out " + file + ": cannot write: " + e.getMessage());
    }
  }
}

package io.feedpipe.app.cli;

import ch.qos.logback.classic.Level;
import io.feedpipe.app.config.ConfigException;
import io.feedpipe.bench.producer.CpuAccount;
import io.feedpipe.bench.producer.ProducerBenchRun;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.producer.kafka.PollSummary;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code feedpipe bench-producer}: measures fetch + parse + map + produce through the real {@link
 * FeedProducer} over N feeds served on 127.0.0.1 ({@link ProducerBenchRun}). Two rounds: the first fetches every feed (200, all
 * posts: posts/s), the second sends the stored validators and a fraction of the feeds answers 304
 * (feeds/s). Reports per round wall time, feeds/s, posts/s, where the CPU time went ({@link CpuAccount}: the producer's threads, the
 * JVM's own work, the broker, the feed server), posts per core both ways and the peak heap.
 */
@Command(
    name = "bench-producer",
    resourceBundle = "io.feedpipe.app.cli.BenchProducerCommand",
    mixinStandardHelpOptions = true,
    description = "Benchmarks the producer: N local feeds (a fraction answering 304 on the second round) polled through the real "
        + "FeedProducer into an embedded broker (temporary data directory, free port) or --bootstrap-servers. Reports feeds/s, "
        + "posts/s, CPU seconds and peak heap. Run the JVM with the heap you want to check, e.g. FEEDPIPE_JAVA_OPTS=-Xmx512m.",
    footer = {
      "",
      "Examples:",
      "  ./feedpipe bench-producer --feeds 1000 --not-modified-ratio 0.9 --posts-per-feed 20",
      "  FEEDPIPE_JAVA_OPTS=-Xmx512m ./feedpipe bench-producer --feeds 10000 --not-modified-ratio 0.9"
    })
public final class BenchProducerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--feeds", paramLabel = "N", description = "Number of local feeds (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
  int feeds;

  @Option(names = "--not-modified-ratio", paramLabel = "R",
      description = "Fraction of the feeds answering 304 Not Modified in the second round (default: ${DEFAULT-VALUE}).", defaultValue = "0.9")
  double notModifiedRatio;

  @Option(names = "--posts-per-feed", paramLabel = "K", description = "Items per feed document (default: ${DEFAULT-VALUE}).", defaultValue = "20")
  int postsPerFeed;

  @Option(names = "--post-size", paramLabel = "BYTES", description = "Approximate HTML size of each item (default: ${DEFAULT-VALUE}).",
      defaultValue = "2000")
  int postSize;

  @Option(names = "--concurrency", paramLabel = "N", description = "max-concurrent-fetches of the producer (default: ${DEFAULT-VALUE}).",
      defaultValue = "32")
  int concurrency;

  @Mixin ClusterOptions cluster;

  @Override
  public Integer call() throws Exception {
    if (feeds < 1) {
      throw new ConfigException("--feeds must be at least 1, was " + feeds);
    }
    if (!(notModifiedRatio >= 0 && notModifiedRatio <= 1)) {
      throw new ConfigException("--not-modified-ratio must be between 0 and 1, was " + notModifiedRatio);
    }
    if (postsPerFeed < 0 || postSize < 0 || concurrency < 1 || concurrency > 1000) {
      throw new ConfigException("--posts-per-feed and --post-size must be ≥ 0, --concurrency between 1 and 1000");
    }
    // One line per feed fetched is too much here.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(FeedProducer.class)).setLevel(Level.WARN);
    PrintWriter out = spec.commandLine().getOut();
    ProducerBenchRun.Options options = new ProducerBenchRun.Options(feeds, notModifiedRatio, postsPerFeed, postSize, concurrency,
        cluster.bootstrapServers());
    new ProducerBenchRun(options).run(new ProducerBenchRun.Listener() {
      @Override
      public void ready(String servers) {
        header(out, options, servers);
      }

      @Override
      public void round(ProducerBenchRun.RoundResult round) {
        row(out, round);
      }
    });
    out.println("prod CPU: CPU seconds of the producer's threads (poll pool, HTTP client, Kafka sender); proc CPU: the whole JVM, "
        + "including the " + (cluster.bootstrapServers().isEmpty() ? "embedded broker and the " : "") + "feed server. Per core: posts/pCPUs = posts "
        + "per CPU-second of the producer's threads; posts/jCPUs = posts per CPU-second of the JVM without the "
        + (cluster.bootstrapServers().isEmpty() ? "broker's and the " : "other Java threads' and the ") + "feed server's threads, i.e. the producer's "
        + "threads plus all GC, JIT and short-lived threads (GC of the broker's garbage included: a lower bound). peak heap: sum of the "
        + "heap pools' peaks in the round (an upper bound).");
    out.flush();
    return 0;
  }

  private static void header(PrintWriter out, ProducerBenchRun.Options o, String servers) {
    out.printf("bench-producer: %d feeds × %d posts of ~%d B on 127.0.0.1, %d (%.0f%%) answer 304 in round 2; concurrency %d; "
            + "Kafka %s; %d CPU core(s), max heap %d MB%n", o.feeds(), o.postsPerFeed(), o.postSize(), o.notModified(),
        o.notModifiedRatio() * 100, o.concurrency(), o.bootstrapServers().isEmpty() ? "embedded (" + servers + ")" : servers,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    out.printf("%-28s %8s %9s %8s %10s %10s %9s %9s %11s %11s %9s  %s%n", "round", "feeds", "posts", "wall s", "feeds/s", "posts/s",
        "prod CPU", "proc CPU", "posts/pCPUs", "posts/jCPUs", "peak heap", "outcomes");
    out.flush();
  }

  private static void row(PrintWriter out, ProducerBenchRun.RoundResult round) {
    PollSummary summary = round.summary();
    CpuAccount.Round used = round.cpu();
    double wall = round.wallSeconds();
    out.printf("%-28s %8d %9d %8.2f %10.0f %10.0f %9.2f %9.2f %11.0f %11.0f %7d MB  %s%n", round.name(), summary.feeds(),
        summary.postsSent(), wall, summary.feeds() / wall, summary.postsSent() / wall, used.producer(), used.process(),
        perSecond(summary.postsSent(), used.producer()), perSecond(summary.postsSent(), used.producerWithJvm()),
        round.peakHeap() / (1024 * 1024), summary.byOutcome());
    out.printf("%-28s CPU s: producer threads %.2f + JVM %.2f (GC %.2f, JIT %.2f, other/short-lived threads %.2f) | other Java threads "
            + "(broker) %.2f | feed server %.2f%n", "", used.producer(), used.jvm(), used.gc(), used.jit(),
        Math.max(0, used.jvm() - used.gc() - used.jit()), used.otherJava(), used.feedServer());
    out.flush();
  }

  private static double perSecond(long count, double seconds) {
    return seconds > 0 ? count / seconds : 0;
  }
}

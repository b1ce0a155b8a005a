package io.feedpipe.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.DurationText;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.MetricsEndpoint;
import io.feedpipe.ops.lag.LagCollector;
import io.feedpipe.ops.lag.LagEvaluator;
import io.feedpipe.ops.lag.LagFormat;
import io.feedpipe.ops.lag.LagMetrics;
import io.feedpipe.ops.lag.LagMonitor;
import io.feedpipe.ops.lag.LagReport;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "lag",
    description = {
      "Shows how far consumer groups are behind, per group and partition: committed offset, end offset, lag in records, and lag in time "
          + "(how old the oldest record not yet consumed is, from the timestamp of the record at the committed offset).",
      "Each partition gets a status from Burrow's rules over a sliding window of --window observations: OK; WARN (committing, but the lag "
          + "grew at every observation); REWIND (the committed offset moved back); STALL (a live member owns the partition but its offset "
          + "stands still while records wait); STOP (nobody commits: no live member owns it, its offset stands still, records wait). "
          + "A group's status is its worst partition's. One look (without --watch or --serve) can tell OK and STOP only.",
      "--serve exposes Prometheus metrics at http://HOST:PORT/metrics: feedpipe_consumer_lag_records, feedpipe_consumer_lag_seconds, "
          + "feedpipe_consumer_partition_status, feedpipe_consumer_group_status and more (see docs/replay-and-lag.md)."
    },
    footer = {
      "",
      "Examples:",
      "  ./feedpipe lag                                           every consumer group, once",
      "  ./feedpipe lag --group feedpipe-sink-postgres --watch    refresh every 10 s",
      "  ./feedpipe lag --json | jq '.groups[] | {group, status, lag}'",
      "  ./feedpipe lag --serve 9308                              Prometheus on this host scrapes http://127.0.0.1:9308/metrics",
      "  ./feedpipe lag --serve 0.0.0.0:9308                      any host may scrape it",
      "  ./feedpipe lag --serve 127.0.0.1:9308 --interval 30s --window 10 --topic posts.clean"
    })
public final class LagCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(LagCommand.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ClientOptions client;

  @Option(names = "--group", paramLabel = "GROUP", description = "A consumer group to show; repeatable (default: every consumer group).")
  List<String> groups = new ArrayList<>();

  @Option(names = "--topic", paramLabel = "TOPIC", description = "Only this topic; repeatable (default: every topic the groups consume).")
  List<String> topics = new ArrayList<>();

  @Option(names = "--watch", description = "Refresh every --interval until Ctrl-C.")
  boolean watch;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s",
      description = "Time between observations with --watch or --serve (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--window", paramLabel = "N", defaultValue = "10",
      description = "Observations the status rules look at, per partition (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--json", description = "One JSON document per observation instead of the table.")
  boolean json;

  @Option(names = {"--serve", "--metrics"}, paramLabel = "[HOST:]PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics (and health at /health/live, /health/ready) until Ctrl-C. "
          + "HOST defaults to 127.0.0.1 (this machine only); give 0.0.0.0 or an interface's address to let another host scrape it.")
  String serve;

  @Override
  public Integer call() throws Exception {
    Duration every;
    try {
      every = DurationText.parse(interval);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--interval: " + e.getMessage());
    }
    if (every.compareTo(Duration.ofMillis(100)) < 0) {
      throw new ConfigException("--interval must be at least 100ms, got " + interval);
    }
    if (window < 1 || window > 1000) {
      throw new ConfigException("--window must be between 1 and 1000 observations, got " + window);
    }
    InetSocketAddress address = serve == null ? null : address(serve);
    FeedpipeConfig config = client.resolve();
    Map<String, Object> props = ClientOptions.clientProps(config);
    // --topic posts.raw means <topics.prefix>posts.raw; other names are used as given.
    List<String> topics = this.topics.stream().map(config.topics()::resolve).toList();
    PrintWriter out = spec.commandLine().getOut();
    try (Admin admin = Admin.create(props); LagCollector collector = new LagCollector(admin, props)) {
      LagMonitor monitor = new LagMonitor(collector, new LagEvaluator(window), groups, topics, Clock.systemUTC());
      if (!watch && address == null) {
        print(out, monitor.observe(), false);
        return 0;
      }
      LagMetrics metrics = new LagMetrics("lag");
      MetricsEndpoint endpoint = MetricsEndpoint.open(Optional.ofNullable(address), "lag");
      if (endpoint.enabled()) {
        endpoint.prometheusRegistry().register(metrics);
        endpoint.watchKafka(props).started();
        log.info("observing every {}", every);
      }
      CountDownLatch done = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        monitor.stop();
        try {
          done.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "feedpipe-lag-shutdown"));
      try {
        boolean terminal = System.console() != null;
        monitor.run(every, report -> {
          metrics.update(report);
          if (watch) {
            print(out, report, terminal && !json);
          }
        });
      } finally {
        endpoint.close();
        done.countDown();
      }
      return 0;
    }
  }

  private void print(PrintWriter out, LagReport report, boolean clearScreen) {
    if (json) {
      try {
        out.println(JSON.writeValueAsString(LagFormat.json(report)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot write JSON", e);
      }
    } else {
      if (clearScreen) {
        out.print("\033[H\033[2J");
      }
      out.print(LagFormat.table(report));
      if (watch) {
        out.println();
      }
    }
    out.flush();
  }

  static InetSocketAddress address(String text) {
    return MetricsOptions.parse(text, "--serve").orElseThrow();
  }
}

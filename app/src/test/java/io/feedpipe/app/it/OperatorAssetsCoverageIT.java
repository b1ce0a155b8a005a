package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedpipe.ops.assets.OperatorAssets;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.testsupport.PrometheusText;
import io.feedpipe.testsupport.PrometheusText.Sample;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the shipped alert rules and Grafana dashboard use (deploy/, read by {@link
 * OperatorAssets}) is served by a real feedpipe process: {@code run}, {@code sink jsonl} and {@code
 * lag --serve}, each from the packaged jar with {@code --metrics}, on the LessWrong fixture (and
 * {@code web --metrics} becomes ready). A
 * renamed metric, or a panel written against one that no process serves, fails here rather than in
 * an operator's empty dashboard.
 */
@KafkaCluster
class OperatorAssetsCoverageIT {

  @TempDir Path work;
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void stop() throws InterruptedException {
    for (Process process : processes) {
      process.destroy(); // SIGTERM, as Ctrl-C
    }
    for (Process process : processes) {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void everyMetricOfTheAlertRulesAndTheDashboardIsServed(KafkaClusterInfo kafka) throws Exception {
    String feed = Path.of(OperatorAssetsCoverageIT.class.getResource("/fixtures/lesswrong/feed.xml").toURI()).toString();
    Path config = work.resolve("feedpipe.yaml");
    Files.writeString(config, """
        data-dir: %s
        kafka:
          bootstrap-servers: %s
        topics:
          prefix: %s.
          partitions: 2
        feeds:
          - id: lesswrong
            url: file://%s
        """.formatted(work.resolve("data"), kafka.bootstrapServers(), kafka.uniqueName("assets"), feed));

    int runPort = start(work.resolve("run.log"), "run", "--config", config.toString(), "--data-dir", work.resolve("data").toString());
    List<Sample> run = awaitScrape(runPort, work.resolve("run.log"),
        samples -> MetricsEndpointIT.value(samples, "feedpipe_streams_posts_total", java.util.Map.of("outcome", "new")) >= 20);
    int sinkPort = start(work.resolve("sink.log"), "sink", "jsonl", "--config", config.toString(), "--dir", work.resolve("archive").toString(),
        "--roll-interval", "1s"); // lines count as written when their file is finished
    List<Sample> sink = awaitScrape(sinkPort, work.resolve("sink.log"),
        samples -> MetricsEndpointIT.value(samples, "feedpipe_sink_records_written_total", java.util.Map.of("sink", "jsonl")) >= 20);
    int lagPort = start(work.resolve("lag.log"), "lag", "--config", config.toString(), "--interval", "1s");
    List<Sample> lag = awaitScrape(lagPort, work.resolve("lag.log"),
        samples -> samples.stream().anyMatch(s -> s.name().equals("feedpipe_consumer_lag_records")));

    // The reader page serves its endpoint too: ready once its store's Streams app runs.
    int webPort = start(work.resolve("web.log"), "web", "--config", config.toString(), "--listen", "127.0.0.1:0");
    awaitScrape(webPort, work.resolve("web.log"),
        samples -> samples.contains(new Sample("feedpipe_ready", java.util.Map.of("process", "web"), 1)));

    Set<String> served = new TreeSet<>();
    for (List<Sample> samples : List.of(run, sink, lag)) {
      samples.forEach(s -> served.add(s.name()));
    }
    assertThat(OperatorAssets.metricNamesUsed()).as("metrics the alert rules and the dashboard use").isNotEmpty();
    OperatorAssets.assertAllScraped(served);
  }

  /** Starts {@code feedpipe args… --metrics 127.0.0.1:PORT} from the packaged jar; returns the port. */
  private int start(Path log, String... args) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path jar = Path.of("target", "feedpipe.jar").toAbsolutePath();
    assertThat(jar).as("the packaged command (mvn verify packages it before the ITs)").exists();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
        "-XX:+UseSerialGC", "-jar", jar.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--metrics", "127.0.0.1:" + port));
    processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    return port;
  }

  private List<Sample> awaitScrape(int port, Path log, java.util.function.Predicate<List<Sample>> done) throws IOException {
    Process process = processes.get(processes.size() - 1);
    HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build();
    try {
      return await("metrics of " + log.getFileName()).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
          .ignoreException(ConnectException.class)
          .failFast("the process exited", () -> !process.isAlive())
          .until(() -> PrometheusText.parse(http.send(metrics, HttpResponse.BodyHandlers.ofString()).body()), done);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new AssertionError(log.getFileName() + " did not get there; its output:\n" + Files.readString(log), e);
    }
  }
}

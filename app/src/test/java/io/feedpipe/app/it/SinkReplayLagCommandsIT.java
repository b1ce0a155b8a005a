package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.app.cli.CliRun;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.testsupport.LaggingGroup;
import io.feedpipe.testsupport.PrometheusText;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedpipe lag} and {@code feedpipe replay} as a user runs them, on the embedded broker. */
@KafkaCluster
class SinkReplayLagCommandsIT {

  @TempDir Path work;

  @Test
  void lagReportsSixtyRecordsAndAtLeastTheAgeOfRecordFortyOne(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("lagging");
    String group = kafka.uniqueName("forty-of-a-hundred");
    Instant base = LaggingGroup.hundredRecordsFortyConsumed(kafka.bootstrapServers(), topic, group);
    double ageOfRecord41 = Duration.between(LaggingGroup.timestampOf(base, 40), Instant.now()).toMillis() / 1000.0;

    CliRun json = CliRun.of("lag", "--bootstrap-servers", kafka.bootstrapServers(), "--group", group, "--json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode partition = new ObjectMapper().readTree(json.out()).get("groups").get(0).get("partitions").get(0);
    assertThat(partition.get("committed").asLong()).isEqualTo(40);
    assertThat(partition.get("end").asLong()).isEqualTo(100);
    assertThat(partition.get("lag").asLong()).isEqualTo(60);
    assertThat(partition.get("lagSeconds").asDouble()).isGreaterThanOrEqualTo(ageOfRecord41);
    assertThat(partition.get("status").asText()).isEqualTo("STOP");

    CliRun table = CliRun.of("lag", "--bootstrap-servers", kafka.bootstrapServers(), "--group", group);
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).containsPattern(group + " +" + topic + " +0 +40 +100 +60 +1[0-9]m[0-9]{2}s +STOP");
  }

  @Test
  void lagServeFromTheFeedpipeJarIsValidPrometheusText(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("lagging");
    String group = kafka.uniqueName("served");
    LaggingGroup.hundredRecordsFortyConsumed(kafka.bootstrapServers(), topic, group);
    Path jar = Path.of("target", "feedpipe.jar").toAbsolutePath();
    assertThat(jar).as("the packaged command (mvn verify packages it before the ITs)").exists();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = work.resolve("lag.log");
    Process lag = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString(),
        "lag", "--bootstrap-servers", kafka.bootstrapServers(), "--group", group, "--serve", "127.0.0.1:" + port, "--interval", "1s")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> response;
      try {
        response = await("feedpipe lag --serve serving the lag of " + group)
            .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .ignoreException(ConnectException.class) // not listening yet
            .failFast("feedpipe lag --serve exited", () -> !lag.isAlive())
            .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() != 200 || r.body().contains(group));
      } catch (ConditionTimeoutException | TerminalFailureException e) {
        throw new AssertionError("feedpipe lag --serve did not serve the group's lag; its output:\n" + Files.readString(log), e);
      }
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
      List<PrometheusText.Sample> samples = PrometheusText.parse(response.body());
      // Every metric of a feedpipe process carries process (docs/metrics.md).
      Map<String, String> partition = Map.of("group", group, "topic", topic, "partition", "0", "process", "lag");
      assertThat(value(samples, "feedpipe_consumer_lag_records", partition)).isEqualTo(60);
      assertThat(value(samples, "feedpipe_consumer_lag_seconds", partition)).isGreaterThan(700);
      assertThat(value(samples, "feedpipe_consumer_group_status", Map.of("group", group, "status", "STOP", "process", "lag"))).isEqualTo(1);
    } finally {
      lag.destroy(); // SIGTERM, as Ctrl-C
      if (!lag.waitFor(30, TimeUnit.SECONDS)) {
        lag.destroyForcibly();
      }
    }
  }

  @Test
  void replayExecuteIsRefusedWhileTheGroupHasALiveMemberAndNamesIt(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("history");
    String group = kafka.uniqueName("live");
    LaggingGroup.hundredRecordsFortyConsumed(kafka.bootstrapServers(), topic, group);
    AtomicBoolean assigned = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    Thread member = new Thread(() -> {
      Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group,
          ConsumerConfig.CLIENT_ID_CONFIG, "still-running-service", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of(topic));
        while (!stop.get()) {
          consumer.poll(Duration.ofMillis(100));
          assigned.set(!consumer.assignment().isEmpty());
        }
      }
    });
    member.start();
    try {
      await("the live member getting its partition").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilTrue(assigned);
      String[] args = {"replay", "--bootstrap-servers", kafka.bootstrapServers(), "--group", group, "--topic", topic, "--to-earliest"};
      CliRun plan = CliRun.of(args);
      assertThat(plan.exitCode()).isZero();
      assertThat(plan.out()).containsPattern("\\n0 +40 +0 +0 +100 +40 +0 +100");
      assertThat(plan.err()).contains("still-running-service").contains("--execute is refused");

      CliRun execute = CliRun.of(concat(args, "--execute"));
      assertThat(execute.exitCode()).isEqualTo(1);
      assertThat(execute.err()).contains("has 1 active member(s)").contains("still-running-service");
    } finally {
      stop.set(true);
      member.join();
    }
    CliRun execute = CliRun.of("replay", "--bootstrap-servers", kafka.bootstrapServers(), "--group", group, "--topic", topic, "--to-offset", "0:10",
        "--execute");
    assertThat(execute.exitCode()).as(execute.err()).isZero();
    assertThat(execute.out()).contains("done: group " + group + " will read " + topic + " from partition 0 offset 10");
    CliRun unknown = CliRun.of("replay", "--bootstrap-servers", kafka.bootstrapServers(), "--group", "nobody", "--topic", topic, "--to-earliest");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("consumer group 'nobody' does not exist");
  }

  private static String[] concat(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }

  private static double value(List<PrometheusText.Sample> samples, String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + labels)).value();
  }
}

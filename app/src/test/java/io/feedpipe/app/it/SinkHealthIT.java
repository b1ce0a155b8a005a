package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code feedpipe sink jsonl --metrics} from the packaged jar: ready once its consumer is a member
 * of its group with partitions, and its metrics strict Prometheus text tagged {@code sink-jsonl}.
 */
@KafkaCluster
class SinkHealthIT {

  @TempDir Path work;

  @Test
  void theJsonlSinkIsReadyOnceItsConsumerHasPartitions(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("archive-me");
    String group = kafka.uniqueName("sink-health");
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path jar = Path.of("target", "feedpipe.jar").toAbsolutePath();
    assertThat(jar).as("the packaged command (mvn verify packages it before the ITs)").exists();
    Path log = work.resolve("sink.log");
    Process sink = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString(),
        "sink", "jsonl", "--dir", work.resolve("archive").toString(), "--topic", topic, "--group", group,
        "--bootstrap-servers", kafka.bootstrapServers(), "--metrics", "127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> response;
      try {
        response = await("sink jsonl ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
            .ignoreException(ConnectException.class)
            .failFast("feedpipe sink jsonl exited", () -> !sink.isAlive())
            .until(() -> http.send(ready, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
      } catch (ConditionTimeoutException | TerminalFailureException e) {
        throw new AssertionError("feedpipe sink jsonl did not become ready; its output:\n" + Files.readString(log), e);
      }
      JsonNode checks = new ObjectMapper().readTree(response.body()).get("checks");
      assertThat(checks.get("kafka").get("status").asText()).isEqualTo("UP");
      assertThat(checks.get("consumer").get("detail").asText()).contains(group).contains("2 partition(s)");

      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      List<PrometheusText.Sample> samples = PrometheusText.parse(metrics.body());
      assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsEntry("process", "sink-jsonl"));
      assertThat(samples).contains(new PrometheusText.Sample("feedpipe_ready", Map.of("process", "sink-jsonl"), 1));
      assertThat(samples).contains(new PrometheusText.Sample("feedpipe_live", Map.of("process", "sink-jsonl"), 1));
    } finally {
      sink.destroy(); // SIGTERM, as Ctrl-C
      if (!sink.waitFor(60, TimeUnit.SECONDS)) {
        sink.destroyForcibly();
      }
    }
  }
}

package io.feedpipe.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.ops.metrics.HealthCheck.Result;
import io.feedpipe.testsupport.PrometheusText;
import io.micrometer.core.instrument.Counter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The endpoint over real HTTP on a free loopback port. */
class MetricsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesStrictPrometheusTextOpenMetricsOnRequestAndHealthAsJson() throws Exception {
    AtomicBoolean broker = new AtomicBoolean(true);
    Health health = new Health().ready("kafka", () -> broker.get() ? Result.up("1 broker(s) answer") : Result.down("no answer"));
    try (ProcessMetrics metrics = new ProcessMetrics("produce", health);
        MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), metrics, health)) {
      Counter.builder("feedpipe.producer.entries").register(metrics.registry()).increment(52);

      HttpResponse<String> text = get(server, "/metrics", null);
      assertThat(text.statusCode()).isEqualTo(200);
      assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      List<PrometheusText.Sample> samples = PrometheusText.parse(text.body());
      assertThat(samples).contains(new PrometheusText.Sample("feedpipe_producer_entries_total", java.util.Map.of("process", "produce"), 52));
      assertThat(samples).contains(new PrometheusText.Sample("feedpipe_ready", java.util.Map.of("process", "produce"), 1));
      assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsEntry("process", "produce"));
      assertThat(samples).extracting(PrometheusText.Sample::name).contains("jvm_threads_live_threads", "process_uptime_seconds");

      HttpResponse<String> open = get(server, "/metrics", "application/openmetrics-text; version=1.0.0, text/plain;q=0.5");
      assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/openmetrics-text"));
      assertThat(open.body()).contains("feedpipe_producer_entries_total{process=\"produce\"} 52.0").endsWith("# EOF\n");

      HttpResponse<String> ready = get(server, "/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(200);
      JsonNode up = new ObjectMapper().readTree(ready.body());
      assertThat(up.get("status").asText()).isEqualTo("UP");
      assertThat(up.get("checks").get("kafka").get("detail").asText()).isEqualTo("1 broker(s) answer");

      broker.set(false);
      HttpResponse<String> notReady = get(server, "/health/ready", null);
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(new ObjectMapper().readTree(notReady.body()).get("checks").get("kafka").get("status").asText()).isEqualTo("DOWN");
      assertThat(get(server, "/health/live", null).statusCode()).as("no liveness check failed").isEqualTo(200);
      assertThat(get(server, "/nothing", null).statusCode()).isEqualTo(404);
    }
  }

  private HttpResponse<String> get(MetricsServer server, String path, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

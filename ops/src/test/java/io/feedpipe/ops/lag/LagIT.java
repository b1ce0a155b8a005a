package io.feedpipe.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.testsupport.LaggingGroup;
import io.feedpipe.testsupport.PrometheusText;
import io.feedpipe.ops.metrics.Health;
import io.feedpipe.ops.metrics.MetricsServer;
import io.feedpipe.ops.metrics.ProcessMetrics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

@KafkaCluster
class LagIT {

  @Test
  void groupThatConsumedFortyOfAHundredIsSixtyBehindAndAtLeastTheAgeOfRecordFortyOne(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("lagging");
    String group = kafka.uniqueName("forty");
    try (Admin admin = kafka.admin();
        LagCollector collector = new LagCollector(admin, Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Instant base = LaggingGroup.hundredRecordsFortyConsumed(kafka.bootstrapServers(), topic, group);
      Instant record41 = LaggingGroup.timestampOf(base, 40);
      Duration ageOfRecord41 = Duration.between(record41, Instant.now());

      LagReport report = new LagMonitor(collector, new LagEvaluator(10), List.of(group), List.of(), Clock.systemUTC()).observe();

      LagReport.Group g = report.groups().get(0);
      assertThat(g.group()).isEqualTo(group);
      assertThat(g.members()).isZero();
      LagReport.Partition p = g.partitions().get(0);
      assertThat(p.sample().committed()).isEqualTo(40);
      assertThat(p.sample().end()).isEqualTo(100);
      assertThat(p.sample().lag()).isEqualTo(60);
      assertThat(p.sample().oldestUnconsumed()).contains(record41);
      assertThat(p.timeLag()).hasValueSatisfying(lag -> assertThat(lag).isGreaterThanOrEqualTo(ageOfRecord41));
      assertThat(p.evaluation().status()).as("nobody consumes it").isEqualTo(LagStatus.STOP);
      assertThat(g.status()).isEqualTo(LagStatus.STOP);
      assertThat(LagFormat.json(report).get("groups").get(0).get("partitions").get(0).get("lag").asLong()).isEqualTo(60);
    }
  }

  @Test
  void servedMetricsAreValidPrometheusTextWithTheLag(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("lagging");
    String group = kafka.uniqueName("forty");
    try (Admin admin = kafka.admin();
        LagCollector collector = new LagCollector(admin, Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      LaggingGroup.hundredRecordsFortyConsumed(kafka.bootstrapServers(), topic, group);
      LagMetrics metrics = new LagMetrics("lag");
      Health health = new Health();
      metrics.update(new LagMonitor(collector, new LagEvaluator(10), List.of(), List.of(topic), Clock.systemUTC()).observe());
      try (ProcessMetrics process = new ProcessMetrics("lag", health);
          MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), process, health)) {
        process.prometheusRegistry().register(metrics);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        List<PrometheusText.Sample> samples = PrometheusText.parse(response.body());
        assertThat(LagMetricsTest.value(samples, "feedpipe_consumer_lag_records", Map.of("group", group, "topic", topic, "partition", "0", "process", "lag")))
            .isEqualTo(60);
        assertThat(LagMetricsTest.value(samples, "feedpipe_consumer_lag_seconds", Map.of("group", group, "topic", topic, "partition", "0", "process", "lag")))
            .isGreaterThan(800);
        assertThat(samples).as("the process' own metrics beside the lag")
            .anySatisfy(s -> assertThat(s.name()).isEqualTo("feedpipe_live"))
            .anySatisfy(s -> assertThat(s.name()).startsWith("jvm_memory_used"));
      }
    }
  }

  @Test
  void unknownGroupIsAClearError(KafkaClusterInfo kafka) {
    try (Admin admin = kafka.admin();
        LagCollector collector = new LagCollector(admin, Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertThatThrownBy(() -> collector.collect(List.of("nobody-here"), List.of())).isInstanceOf(LagException.class)
          .hasMessageStartingWith("consumer group 'nobody-here' does not exist");
    }
  }
}

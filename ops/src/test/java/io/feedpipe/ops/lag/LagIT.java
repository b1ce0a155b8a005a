package io.feedpipe.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.testsupport.PrometheusText;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@KafkaCluster
class LagIT {

  /** 100 records on one partition, 5 s apart, the first 1,000 s ago; a group consumed and committed 40. */
  static Instant prepare(KafkaClusterInfo kafka, Admin admin, String topic, String group) throws Exception {
    Instant base = Instant.now().minusSeconds(1000).truncatedTo(ChronoUnit.MILLIS);
    admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
    Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 100; i++) {
        producer.send(new ProducerRecord<>(topic, 0, base.plusSeconds(5L * i).toEpochMilli(), "k" + i, "v" + i)).get();
      }
    }
    Map<String, Object> consumerProps = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 40);
    try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      int consumed = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (consumed < 40 && System.nanoTime() < deadline) {
        consumed += consumer.poll(Duration.ofMillis(200)).count();
      }
      assertThat(consumed).isEqualTo(40);
      consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(40)));
    }
    return base;
  }

  @Test
  void groupThatConsumedFortyOfAHundredIsSixtyBehindAndAtLeastTheAgeOfRecordFortyOne(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("lagging");
    String group = kafka.uniqueName("forty");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        LagCollector collector = new LagCollector(admin, Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Instant base = prepare(kafka, admin, topic, group);
      Instant record41 = base.plusSeconds(5L * 40);
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
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        LagCollector collector = new LagCollector(admin, Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      prepare(kafka, admin, topic, group);
      LagMetrics metrics = new LagMetrics();
      PrometheusRegistry registry = new PrometheusRegistry();
      registry.register(metrics);
      metrics.update(new LagMonitor(collector, new LagEvaluator(10), List.of(), List.of(topic), Clock.systemUTC()).observe());
      try (MetricsServer server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), registry)) {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        List<PrometheusText.Sample> samples = PrometheusText.parse(response.body());
        assertThat(LagMetricsTest.value(samples, "feedpipe_consumer_lag_records", Map.of("group", group, "topic", topic, "partition", "0")))
            .isEqualTo(60);
        assertThat(LagMetricsTest.value(samples, "feedpipe_consumer_lag_seconds", Map.of("group", group, "topic", topic, "partition", "0")))
            .isGreaterThan(800);
      }
    }
  }

  @Test
  void unknownGroupIsAClearError(KafkaClusterInfo kafka) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        LagCollector collector = new LagCollector(admin, Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertThatThrownBy(() -> collector.collect(List.of("nobody-here"), List.of())).isInstanceOf(LagException.class)
          .hasMessageStartingWith("consumer group 'nobody-here' does not exist");
    }
  }
}

package io.feedpipe.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.testsupport.PrometheusText;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LagMetricsTest {
  static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

  static LagReport report() {
    LagEvaluator evaluator = new LagEvaluator(10);
    PartitionSample behind = new PartitionSample("posts.clean", 0, 40, 0, 100, 60, Optional.of(NOW.minusSeconds(90)), false);
    PartitionSample caughtUp = new PartitionSample("posts.clean", 1, 7, 0, 7, 0, Optional.empty(), false);
    PartitionSample odd = new PartitionSample("we\"ird\\topic", 0, -1, 0, 3, 3, Optional.empty(), true);
    return evaluator.evaluate(NOW, List.of(new GroupSample("sink \"pg\"", "Empty", 0, List.of(behind, caughtUp)),
        new GroupSample("other", "Stable", 1, List.of(odd))));
  }

  static String expose(LagMetrics metrics) throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(metrics);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void reportBecomesValidTextExpositionWithLagInRecordsAndSecondsAndTheStatus() throws Exception {
    LagMetrics metrics = new LagMetrics();
    metrics.update(report());
    List<PrometheusText.Sample> samples = PrometheusText.parse(expose(metrics));

    assertThat(value(samples, "feedpipe_consumer_lag_records", Map.of("group", "sink \"pg\"", "topic", "posts.clean", "partition", "0")))
        .isEqualTo(60);
    assertThat(value(samples, "feedpipe_consumer_lag_seconds", Map.of("group", "sink \"pg\"", "topic", "posts.clean", "partition", "0")))
        .isEqualTo(90);
    assertThat(value(samples, "feedpipe_consumer_lag_seconds", Map.of("group", "sink \"pg\"", "topic", "posts.clean", "partition", "1")))
        .isEqualTo(0);
    assertThat(value(samples, "feedpipe_consumer_partition_status",
        Map.of("group", "sink \"pg\"", "topic", "posts.clean", "partition", "0", "status", "STOP"))).isEqualTo(1);
    assertThat(value(samples, "feedpipe_consumer_partition_status",
        Map.of("group", "sink \"pg\"", "topic", "posts.clean", "partition", "0", "status", "OK"))).isEqualTo(0);
    assertThat(value(samples, "feedpipe_consumer_group_status", Map.of("group", "sink \"pg\"", "status", "STOP"))).isEqualTo(1);
    assertThat(value(samples, "feedpipe_topic_end_offset", Map.of("topic", "we\"ird\\topic", "partition", "0"))).isEqualTo(3);
    assertThat(value(samples, "feedpipe_lag_last_collection_timestamp_seconds", Map.of())).isEqualTo(NOW.getEpochSecond());
    // unknown time lag (no record could be read) is absent, not 0
    assertThat(samples).noneMatch(s -> s.name().equals("feedpipe_consumer_lag_seconds") && "other".equals(s.labels().get("group")));
  }

  @Test
  void beforeTheFirstCollectionThereAreNoSamples() throws Exception {
    assertThat(PrometheusText.parse(expose(new LagMetrics()))).isEmpty();
  }

  @Test
  void theParserRejectsWhatPrometheusWouldReject() {
    assertThatThrownBy(() -> PrometheusText.parse("lag{group=\"a} 1\n")).hasMessageContaining("line 1");
    assertThatThrownBy(() -> PrometheusText.parse("lag 1\nother 2\nlag 3\n")).hasMessageContaining("not together");
    assertThatThrownBy(() -> PrometheusText.parse("lag one\n")).hasMessageContaining("not a float");
    assertThatThrownBy(() -> PrometheusText.parse("9lag 1\n")).hasMessageContaining("not a sample");
    assertThatThrownBy(() -> PrometheusText.parse("lag 1")).hasMessageContaining("newline");
  }

  @Test
  void durationsReadLikeAnOperatorWouldWriteThem() {
    assertThat(LagFormat.duration(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(LagFormat.duration(Duration.ofSeconds(187))).isEqualTo("3m07s");
    assertThat(LagFormat.duration(Duration.ofHours(50))).isEqualTo("2d02h");
  }

  @Test
  void tableNamesTheProblemOfEachPartitionThatIsNotOk() {
    String table = LagFormat.table(report());
    assertThat(table).contains("GROUP").contains("TIME-LAG").contains("1m30s");
    assertThat(table).contains("group sink \"pg\": STOP (empty, 0 member(s)); lag 60 record(s), oldest waiting 1m30s");
    assertThat(table).contains("posts.clean-0 STOP: no live member owns the partition");
  }

  static double value(List<PrometheusText.Sample> samples, String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + labels + " among " + samples)).value();
  }
}

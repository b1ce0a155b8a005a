package io.feedpipe.ops.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The shipped alert rules and dashboard, checked as data (promtool runs in PromtoolRulesTest). */
class OperatorAssetsTest {
  static final Path REPO = Path.of(System.getProperty("feedpipe.repo.dir", ".."));

  static List<JsonNode> alerts() throws Exception {
    JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(OperatorAssets.text(OperatorAssets.ALERT_RULES));
    List<JsonNode> alerts = new ArrayList<>();
    rules.path("groups").forEach(g -> g.path("rules").forEach(r -> {
      if (r.has("alert")) {
        alerts.add(r);
      }
    }));
    return alerts;
  }

  @Test
  void everyMetricTheAlertsAndTheDashboardUseIsDocumentedInMetricsMd() throws Exception {
    MetricsDoc doc = MetricsDoc.parse(Files.readString(REPO.resolve("docs/metrics.md")));
    Map<String, Set<String>> usage = OperatorAssets.metricUsage();
    List<String> undocumented = new ArrayList<>();
    usage.forEach((name, where) -> {
      if (doc.documents(name).isEmpty()) {
        undocumented.add(name + " (used by " + where + ")");
      }
    });
    assertThat(undocumented).as("metrics used by deploy/ but not documented in docs/metrics.md").isEmpty();
    // The extraction found what the assets are about, not a handful of stray names.
    assertThat(usage.keySet()).contains("feedpipe_feeds_health", "feedpipe_streams_dlq_records_total", "feedpipe_consumer_lag_seconds",
        "feedpipe_consumer_lag_records", "feedpipe_streams_running", "feedpipe_streams_end_to_end_latency_seconds_bucket",
        "feedpipe_sink_records_rejected_total", "feedpipe_producer_errors_total", "feedpipe_ready", "jvm_memory_used_bytes");
  }

  @Test
  void metricsDocParserKnowsHistogramsShorthandsAndPrefixes() throws Exception {
    MetricsDoc doc = MetricsDoc.parse(Files.readString(REPO.resolve("docs/metrics.md")));
    assertThat(doc.documents("feedpipe_producer_fetch_duration_seconds_bucket")).contains("feedpipe_producer_fetch_duration_seconds (histogram)");
    assertThat(doc.documents("feedpipe_streams_rocksdb_memory_capacity_bytes")).isPresent();
    assertThat(doc.documents("jvm_threads_live_threads")).contains("jvm_*");
    // A counter has no _bucket series, and a name that is not in the doc is not documented.
    assertThat(doc.documents("feedpipe_producer_entries_total_bucket")).isEmpty();
    assertThat(doc.documents("feedpipe_producer_fetches_count")).isEmpty();
    assertThat(doc.documents("feedpipe_no_such_metric_total")).isEmpty();
    // A label value in a table's meaning column is not a metric.
    assertThat(doc.documents("not_modified")).isEmpty();
  }

  @Test
  void everyAlertHasForSeverityAndAnnotationsSayingWhatToDo() throws Exception {
    List<JsonNode> alerts = alerts();
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(8);
    for (JsonNode alert : alerts) {
      String name = alert.path("alert").asText();
      assertThat(alert.path("for").asText()).as(name + " for").matches("\\d+[smh]");
      assertThat(alert.path("labels").path("severity").asText()).as(name + " severity").isIn("critical", "warning", "info");
      assertThat(alert.path("annotations").path("summary").asText()).as(name + " summary").isNotBlank();
      assertThat(alert.path("annotations").path("description").asText()).as(name + " description").contains("First action:");
    }
  }

  @Test
  void everyAlertHasPromtoolCasesWhereItFiresAndWhereItDoesNot() throws Exception {
    JsonNode tests = new ObjectMapper(new YAMLFactory()).readTree(OperatorAssets.text(OperatorAssets.ALERT_RULE_TESTS));
    Set<String> fires = new HashSet<>();
    Set<String> silent = new HashSet<>();
    tests.path("tests").forEach(t -> t.path("alert_rule_test").forEach(c -> {
      String alert = c.path("alertname").asText();
      (c.path("exp_alerts").isEmpty() ? silent : fires).add(alert);
    }));
    Set<String> names = new TreeSet<>();
    alerts().forEach(a -> names.add(a.path("alert").asText()));
    assertThat(fires).as("alerts with a firing case").containsAll(names);
    assertThat(silent).as("alerts with a case where they stay silent").containsAll(names);
  }

  @Test
  void everyAlertIsExplainedInOperationsMd() throws Exception {
    String operations = Files.readString(REPO.resolve("docs/operations.md"));
    List<String> unexplained = new ArrayList<>();
    for (JsonNode alert : alerts()) {
      String name = alert.path("alert").asText();
      if (!operations.contains("`" + name + "`")) {
        unexplained.add(name);
      }
    }
    assertThat(unexplained).as("alerts docs/operations.md does not name").isEmpty();
  }

  @Test
  void dashboardIsAnImportableClassicDashboardOnAPrometheusInput() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(OperatorAssets.text(OperatorAssets.DASHBOARD));
    assertThat(dashboard.path("schemaVersion").asInt()).isEqualTo(42);
    assertThat(dashboard.path("__inputs").get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
    assertThat(dashboard.path("__inputs").get(0).path("pluginId").asText()).isEqualTo("prometheus");
    assertThat(dashboard.path("uid").asText()).isEqualTo("feedpipe-pipeline");
    Set<Integer> ids = new HashSet<>();
    List<String> titles = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel id " + panel.path("id") + " unique").isTrue();
      titles.add(panel.path("title").asText());
      if (!"row".equals(panel.path("type").asText())) {
        assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${DS_PROMETHEUS}");
        assertThat(panel.path("targets")).as(panel.path("title").asText() + " targets").isNotEmpty();
        panel.path("targets").forEach(t -> assertThat(t.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}"));
      }
    }
    assertThat(titles).contains("Producer", "Streams", "Feed health", "Consumer lag (lag --serve)", "Sinks", "JVM");
  }

  @Test
  void itSideAssertionNamesEachMissingMetricAndWhereItIsUsed() {
    Set<String> all = OperatorAssets.metricNamesUsed();
    OperatorAssets.assertAllScraped(all);
    assertThat(OperatorAssets.missingFrom(all)).isEmpty();

    Set<String> withoutDlq = new HashSet<>(all);
    withoutDlq.remove("feedpipe_streams_dlq_records_total");
    assertThat(OperatorAssets.missingFrom(withoutDlq)).containsOnlyKeys("feedpipe_streams_dlq_records_total");
    assertThatThrownBy(() -> OperatorAssets.assertAllScraped(withoutDlq))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("feedpipe_streams_dlq_records_total (used by alert FeedpipeDlqGrowing, alert FeedpipeDlqRateHigh")
        .hasMessageContaining("panel 'DLQ by reason'");
  }

  @Test
  void prometheusOwnSeriesAreNotExpectedFromAnEndpoint() {
    assertThat(OperatorAssets.ruleExpressions()).anyMatch(e -> e.promQl().startsWith("up{"));
    assertThat(OperatorAssets.metricNamesUsed()).doesNotContain("up");
  }
}

package io.feedpipe.ops.assets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {
  @Test
  void bareSelectorAndComparison() {
    assertThat(PromQlMetricNames.in("feedpipe_ready == 0")).containsExactly("feedpipe_ready");
    assertThat(PromQlMetricNames.in("up{job=~\"feedpipe.*\"} == 0")).containsExactly("up");
  }

  @Test
  void labelNamesAndValuesInMatchersAreNotMetrics() {
    assertThat(PromQlMetricNames.in("feedpipe_feeds_health{state=\"DEAD\", process!~\"run|streams\"}"))
        .containsExactly("feedpipe_feeds_health");
  }

  @Test
  void functionsAggregationsAndTheirLabelListsAreNotMetrics() {
    String expr = "histogram_quantile(0.99,\n  sum by (job, le) (rate(feedpipe_streams_end_to_end_latency_seconds_bucket{from=\"fetched\"}[10m])))\n  > 10";
    assertThat(PromQlMetricNames.in(expr)).containsExactly("feedpipe_streams_end_to_end_latency_seconds_bucket");
    assertThat(PromQlMetricNames.in("sum without (instance) (x_total) / on (job) group_left (le) max(y)"))
        .containsExactly("x_total", "y");
  }

  @Test
  void bothSidesOfABinaryOperationWithIgnoring() {
    String expr = "feedpipe_producer_feeds{state=\"overdue\"} / ignoring (state) feedpipe_producer_feeds{state=\"known\"} > 0.1";
    assertThat(PromQlMetricNames.in(expr)).containsExactly("feedpipe_producer_feeds");
    assertThat(PromQlMetricNames.in("a_total/b_total*100 and c unless d or e")).containsExactly("a_total", "b_total", "c", "d", "e");
  }

  @Test
  void keywordsNumbersDurationsStringsAndOffsetsAreSkipped() {
    assertThat(PromQlMetricNames.in("rate(x_total[5m] offset 1h30m) > bool 1e-3 or vector(0) > Inf"))
        .containsExactly("x_total");
    assertThat(PromQlMetricNames.in("label_replace(x, \"dst\", \"$1\", \"src\", \"(y|z)\")")).containsExactly("x");
    assertThat(PromQlMetricNames.in("count_values(\"version\", build_info) @ start()")).containsExactly("build_info");
    assertThat(PromQlMetricNames.in("max_over_time(x[1h:5m])")).containsExactly("x");
  }

  @Test
  void grafanaVariablesAreSkipped() {
    assertThat(PromQlMetricNames.in("sum by (outcome) (rate(f_total{instance=~\"$instance\"}[$__rate_interval])) * ${factor}"))
        .containsExactly("f_total");
  }

  @Test
  void selectorByName() {
    assertThat(PromQlMetricNames.in("{__name__=\"feedpipe_live\", job=\"x\"}")).containsExactly("feedpipe_live");
  }

  @Test
  void aMetricNamedLikeAnAggregationIsStillAMetricWhenNotCalled() {
    // Only "count (" or "count by" makes count an aggregation.
    assertThat(PromQlMetricNames.in("count > 3")).containsExactly("count");
  }

  @Test
  void grafanaLabelValuesQueryGivesItsSelectorNotItsLabel() {
    assertThat(PromQlMetricNames.inGrafanaVariableQuery("label_values(feedpipe_ready{job=\"a\"}, instance)")).containsExactly("feedpipe_ready");
    assertThat(PromQlMetricNames.inGrafanaVariableQuery("label_values(instance)")).isEmpty();
    assertThat(PromQlMetricNames.inGrafanaVariableQuery("query_result(topk(3, x_total))")).containsExactly("x_total");
  }
}

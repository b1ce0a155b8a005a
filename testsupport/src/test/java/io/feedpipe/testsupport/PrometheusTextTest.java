package io.feedpipe.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void aSummaryOrHistogramWithSeveralLabelSetsMayInterleaveItsSuffixes() {
    String text = """
        # TYPE pause_seconds summary
        pause_seconds_count{gc="young"} 3
        pause_seconds_sum{gc="young"} 0.5
        pause_seconds_count{gc="old"} 1
        pause_seconds_sum{gc="old"} 0.2
        # TYPE latency_seconds histogram
        latency_seconds_bucket{from="a",le="1.0"} 1
        latency_seconds_bucket{from="a",le="+Inf"} 2
        latency_seconds_count{from="a"} 2
        latency_seconds_sum{from="a"} 3.5
        latency_seconds_bucket{from="b",le="1.0"} 0
        latency_seconds_bucket{from="b",le="+Inf"} 1
        latency_seconds_count{from="b"} 1
        latency_seconds_sum{from="b"} 2
        """;
    assertThat(PrometheusText.parse(text)).hasSize(12)
        .contains(new PrometheusText.Sample("latency_seconds_count", Map.of("from", "b"), 1));
  }

  @Test
  void aFamilySplitByAnotherIsRefused() {
    String text = """
        # TYPE a_total counter
        a_total{x="1"} 1
        # TYPE b gauge
        b 2
        a_total{x="2"} 1
        """;
    assertThatThrownBy(() -> PrometheusText.parse(text)).hasMessageContaining("samples of a_total are not together");
  }

  @Test
  void aHistogramSplitByAnotherFamilyIsRefused() {
    String text = """
        # TYPE h histogram
        h_bucket{le="+Inf"} 1
        # TYPE b gauge
        b 2
        h_count 1
        """;
    assertThatThrownBy(() -> PrometheusText.parse(text)).hasMessageContaining("samples of h are not together");
  }

  @Test
  void theSameSampleTwiceIsRefused() {
    assertThatThrownBy(() -> PrometheusText.parse("a 1\na 2\n")).hasMessageContaining("the same sample twice");
  }
}

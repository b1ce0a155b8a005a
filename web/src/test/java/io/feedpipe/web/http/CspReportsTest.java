package io.feedpipe.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CspReportsTest {
  private final CspReports reports = new CspReports();

  private void post(String body) {
    reports.record(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void countsReportUriAndReportingApiReportsByPage() {
    post("{\"csp-report\": {\"document-uri\": \"http://127.0.0.1:8080/feed/x?page=2\", \"violated-directive\": \"style-src-elem\"}}");
    post("[{\"type\": \"csp-violation\", \"body\": {\"documentURL\": \"http://127.0.0.1:8080/\"}},"
        + " {\"type\": \"deprecation\", \"body\": {}}]");
    assertThat(reports.total()).isEqualTo(2);
    assertThat(reports.byPage()).isEqualTo(Map.of("/feed/*", 1L, "/", 1L));
    assertThat(reports.forPage("/feed/x")).isEqualTo(1);
    assertThat(reports.forPage("/search")).isZero();
  }

  @Test
  void aBodyThatIsNoReportIsCountedAsMalformedOnly() {
    post("not json");
    post("{\"hello\": 1}");
    post("");
    assertThat(reports.total()).isZero();
    assertThat(reports.malformed()).isEqualTo(3);
  }

  @Test
  void anyNumberOfDistinctPathsFillsOnlyTheFixedBuckets() {
    for (int i = 0; i < 1_000; i++) {
      post("{\"csp-report\": {\"document-uri\": \"http://127.0.0.1:8080/made-up-" + i + "\"}}");
      post("{\"csp-report\": {\"document-uri\": \"http://127.0.0.1:8080/feed/made-up-" + i + "\"}}");
    }
    assertThat(reports.byPage()).isEqualTo(Map.of("other", 1_000L, "/feed/*", 1_000L));
    assertThat(reports.byPage().size()).isLessThanOrEqualTo(CspReports.PageKind.values().length);
  }

  @Test
  void oneBodyCountsAtMostItsCap() {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 10_000; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"type\": \"csp-violation\", \"body\": {\"documentURL\": \"http://h/search\"}}");
    }
    post(batch.append(']').toString());
    assertThat(reports.total()).isEqualTo(CspReports.MAX_PER_BODY);
    assertThat(reports.forPage("/search")).isEqualTo(CspReports.MAX_PER_BODY);
  }
}

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
    assertThat(reports.byPage()).isEqualTo(Map.of("/feed/x", 1L, "/", 1L));
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
}

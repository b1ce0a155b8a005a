package io.feedpipe.ops.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own tool on the shipped files in deploy/: the rules load ({@code promtool check
 * rules}), their unit tests pass ({@code promtool test rules}), and every dashboard query is valid
 * PromQL. promtool comes with Debian's {@code prometheus} package; .ci/run installs it. Without it
 * these tests are skipped, except under CI=true, where a missing promtool fails the build rather
 * than letting the rules go unchecked.
 */
class PromtoolRulesTest {
  static final Path PROMETHEUS_DIR = OperatorAssetsTest.REPO.resolve("deploy/prometheus");
  Path promtool; // looked up before each test, so a skip shows on each of them

  @BeforeEach
  void findPromtool() {
    Optional<Path> found = onPath("promtool");
    if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
      fail("promtool is not on PATH and CI=true: the alert rules must be checked in CI (.ci/run installs it from Debian's prometheus package)");
    }
    Assumptions.assumeTrue(found.isPresent(), "promtool not on PATH (Debian: the prometheus package); skipping the promtool checks");
    promtool = found.get();
  }

  static Optional<Path> onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  record Run(int exitCode, String output) {}

  Run promtool(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("promtool " + String.join(" ", args) + " did not finish within 2 minutes:\n" + output);
    }
    return new Run(process.exitValue(), output);
  }

  @Test
  void alertRulesPassPromtoolCheckRules() throws Exception {
    Run run = promtool(PROMETHEUS_DIR, "check", "rules", "feedpipe-alerts.yml");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  @Test
  void alertRulesPassTheirPromtoolUnitTests() throws Exception {
    Run run = promtool(PROMETHEUS_DIR, "test", "rules", "feedpipe-alerts-test.yml");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  @Test
  void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws Exception {
    // promtool parses PromQL only inside rule files: each query becomes a recording rule, with
    // Grafana's variables replaced by what they stand for at query time.
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int n = 0;
    for (OperatorAssets.UsedExpression e : OperatorAssets.dashboardExpressions()) {
      if (e.where().startsWith("variable ")) {
        continue; // label_values(…) is Grafana's, not PromQL; its selector is checked by the panels using it
      }
      String promQl = e.promQl().replace("$__rate_interval", "5m").replace("$__interval", "1m").replace("$instance", ".*");
      assertThat(promQl).as(e.where() + " uses a variable this test does not know").doesNotContain("$");
      rules.append("      - record: dashboard_query_").append(++n).append("\n        expr: '")
          .append(promQl.replace("'", "''").replace("\n", " ")).append("'\n");
    }
    assertThat(n).isGreaterThan(20);
    Files.writeString(dir.resolve("dashboard-queries.yml"), rules);
    Run run = promtool(dir, "check", "rules", "dashboard-queries.yml");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS: " + n + " rules found");
  }
}

package io.feedpipe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code feedpipe bench-memory}: options are checked before anything starts (the benchmark itself is never a unit test). */
class BenchMemoryOptionsTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BenchMemoryCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpDescribesTheOptionsAndTheExitCode() {
    Run help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--posts").contains("--retention").contains("--simulated-span").contains("--bootstrap-servers")
        .contains("exit code 3");
  }

  @Test
  void badOptionsAreErrorsNamingTheOptionWithExitCode2() {
    assertThat(run("--posts", "0")).satisfies(r -> {
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("--posts must be between 1 and 100,000,000");
    });
    assertThat(run("--retention", "30s")).satisfies(r -> {
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("--retention must be at least 1m");
    });
    assertThat(run("--simulated-span", "often")).satisfies(r -> {
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("--simulated-span: 'often' is not a duration");
    });
    assertThat(run("--simulated-span", "30d")).satisfies(r -> {
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("--simulated-span must be between 1m and 168h");
    });
  }
}

package io.feedpipe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code feedpipe bench-producer}: its options are checked before anything starts (the benchmark itself is never a test). */
class BenchProducerCommandTest {

  @Test
  void helpDescribesTheOptions() {
    CliRun help = CliRun.of("bench-producer", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--feeds").contains("--not-modified-ratio").contains("--posts-per-feed")
        .contains("--bootstrap-servers").contains("feeds/s");
  }

  @Test
  void badOptionsAreErrorsNamingTheOptionWithExitCode2() {
    CliRun noFeeds = CliRun.of("bench-producer", "--feeds", "0");
    assertThat(noFeeds.exitCode()).isEqualTo(2);
    assertThat(noFeeds.err()).contains("--feeds must be at least 1");

    CliRun ratio = CliRun.of("bench-producer", "--not-modified-ratio", "1.5");
    assertThat(ratio.exitCode()).isEqualTo(2);
    assertThat(ratio.err()).contains("--not-modified-ratio must be between 0 and 1");
  }
}

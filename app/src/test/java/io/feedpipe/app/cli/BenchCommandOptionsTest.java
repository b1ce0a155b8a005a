package io.feedpipe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code feedpipe bench}: help and option checks, before anything starts (the benchmark itself runs in BenchCommandIT). */
class BenchCommandOptionsTest {

  @Test
  void helpDescribesTheOptionsAndTheTable() {
    CliRun help = CliRun.of("bench", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--posts").contains("--posts-per-feed").contains("--bootstrap-servers").contains("--partitions")
        .contains("--streams-threads").contains("--out").contains("exactly_once_v2").contains("Examples:")
        .contains("--rate").contains("--duration").contains("--poll-interval").contains("highest rate held")
        .contains("--warmup-posts");
  }

  @Test
  void badOptionsAreErrorsNamingTheOptionWithExitCode2() {
    CliRun noPosts = CliRun.of("bench", "--posts", "0");
    assertThat(noPosts.exitCode()).isEqualTo(2);
    assertThat(noPosts.err()).contains("--posts must be between 1 and 5,000,000, was 0");

    CliRun threads = CliRun.of("bench", "--streams-threads", "0");
    assertThat(threads.exitCode()).isEqualTo(2);
    assertThat(threads.err()).contains("--streams-threads must be between 1 and 64");

    CliRun rate = CliRun.of("bench", "--rate", "fast");
    assertThat(rate.exitCode()).isEqualTo(2);
    assertThat(rate.err()).contains("--rate fast: 'fast' is not a number of posts per second (or use --rate auto)");

    CliRun duration = CliRun.of("bench", "--rate", "auto", "--duration", "0");
    assertThat(duration.exitCode()).isEqualTo(2);
    assertThat(duration.err()).contains("--duration must be between 1 and 3,600 seconds, was 0");

    CliRun warmup = CliRun.of("bench", "--posts", "100", "--warmup-posts", "1001");
    assertThat(warmup.exitCode()).isEqualTo(2);
    assertThat(warmup.err()).contains("--warmup-posts must be between 0 and 1,000 (10 rounds over the batch of --posts 100), was 1,001");

    CliRun badPosts = CliRun.of("bench", "--posts", "-5");
    assertThat(badPosts.exitCode()).isEqualTo(2);
    assertThat(badPosts.err()).contains("--posts must be between 1 and 5,000,000, was -5").doesNotContain("--warmup-posts");

    CliRun out = CliRun.of("bench", "--out", "/no/such/dir/bench.md");
    assertThat(out.exitCode()).isEqualTo(2);
    assertThat(out.err()).contains("--out /no/such/dir/bench.md: directory /no/such/dir does not exist");
  }
}

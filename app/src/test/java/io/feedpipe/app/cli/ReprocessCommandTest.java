package io.feedpipe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What reprocess refuses before connecting anywhere, and its help. */
class ReprocessCommandTest {

  @Test
  void helpTeachesTheOptionsWithExamples() {
    CliRun run = CliRun.of("reprocess", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: feedpipe reprocess").contains("--dry-run", "--feed", "--from", "--to", "--wait", "--samples")
        .contains("Examples:").contains("./feedpipe reprocess --feed lesswrong --dry-run");
  }

  @Test
  void anEmptyTimeRangeIsRefused() {
    CliRun run = CliRun.of("reprocess", "--from", "2026-11-02", "--to", "2026-11-01");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--from 2026-11-02T00:00:00Z is not before --to 2026-11-01T00:00:00Z");
  }

  @Test
  void aTimeThatIsNotIso8601IsRefusedNamingTheOption() {
    CliRun run = CliRun.of("reprocess", "--from", "yesterday");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--from 'yesterday' is not an ISO-8601 time");
  }

  @Test
  void waitingGoesWithARealRunOnly() {
    CliRun run = CliRun.of("reprocess", "--dry-run", "--wait");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--wait goes with a real run");
  }
}

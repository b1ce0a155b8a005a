package io.feedpipe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sink, replay and lag command lines without a broker: help, and bad options exiting 2 with a message naming the option. */
class SinkReplayLagCommandsTest {

  @Test
  void everyCommandHasHelpWithExamples() {
    for (String[] command : new String[][] {{"sink", "--help"}, {"sink", "jsonl", "--help"}, {"sink", "postgres", "--help"},
        {"replay", "--help"}, {"lag", "--help"}}) {
      CliRun run = CliRun.of(command);
      assertThat(run.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(run.out()).as(String.join(" ", command)).contains("Usage: feedpipe " + command[0]).contains("Example").contains("./feedpipe ");
    }
  }

  @Test
  void sinkWithoutAKindSaysWhichKindsThereAre() {
    CliRun run = CliRun.of("sink");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("jsonl or postgres");
  }

  @Test
  void jsonlSinkNeedsADirectoryAndReadableSizes() {
    assertThat(CliRun.of("sink", "jsonl").err()).contains("--dir");
    CliRun badSize = CliRun.of("sink", "jsonl", "--dir", "target/x", "--roll-size", "huge");
    assertThat(badSize.exitCode()).isEqualTo(2);
    assertThat(badSize.err()).contains("--roll-size").contains("64MB");
    CliRun badInterval = CliRun.of("sink", "jsonl", "--dir", "target/x", "--roll-interval", "soon");
    assertThat(badInterval.exitCode()).isEqualTo(2);
    assertThat(badInterval.err()).contains("--roll-interval");
  }

  @Test
  void postgresSinkRefusesAnotherDatabaseAndTopicsWithoutPosts() {
    CliRun mysql = CliRun.of("sink", "postgres", "--jdbc-url", "jdbc:mysql://db/x");
    assertThat(mysql.exitCode()).isEqualTo(2);
    assertThat(mysql.err()).contains("not a PostgreSQL");
    CliRun raw = CliRun.of("sink", "postgres", "--jdbc-url", "jdbc:postgresql://db/x", "--topic", "posts.raw");
    assertThat(raw.exitCode()).isEqualTo(2);
    assertThat(raw.err()).contains("posts.raw does not hold CleanPost");
    CliRun missingFile = CliRun.of("sink", "postgres", "--jdbc-url", "jdbc:postgresql://db/x", "--password-file", "target/no-such-file");
    assertThat(missingFile.exitCode()).isEqualTo(2);
    assertThat(missingFile.err()).contains("--password-file");
  }

  @Test
  void replayNeedsExactlyOneTargetAndAGroup() {
    CliRun none = CliRun.of("replay", "--group", "g", "--topic", "t");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("--to-earliest, --to-latest, --to-datetime, --by-duration or --to-offset");
    CliRun two = CliRun.of("replay", "--group", "g", "--to-earliest", "--to-latest");
    assertThat(two.exitCode()).isEqualTo(2);
    assertThat(two.err()).contains("only one of");
    CliRun noGroup = CliRun.of("replay", "--to-earliest");
    assertThat(noGroup.exitCode()).isEqualTo(2);
    assertThat(noGroup.err()).contains("--group");
  }

  @Test
  void replayOptionValuesAreCheckedNamingTheOption() {
    assertThat(CliRun.of("replay", "--group", "g", "--to-datetime", "yesterday").err()).contains("--to-datetime 'yesterday'");
    assertThat(CliRun.of("replay", "--group", "g", "--by-duration", "a while").err()).contains("--by-duration");
    CliRun offset = CliRun.of("replay", "--group", "g", "--to-offset", "0:10,1-20");
    assertThat(offset.exitCode()).isEqualTo(2);
    assertThat(offset.err()).contains("--to-offset '1-20'");
    CliRun into = CliRun.of("replay", "--into", "copy", "--group", "g");
    assertThat(into.exitCode()).isEqualTo(2);
    assertThat(into.err()).contains("--into");
    assertThat(CliRun.of("replay", "--into", "copy").err()).contains("--from-datetime");
    assertThat(CliRun.of("replay", "--into", "copy", "--from-datetime", "2026-11-02", "--until", "2026-11-01").err()).contains("--until");
  }

  @Test
  void timesAreIso8601WithUtcWhenNoZoneIsGiven() {
    assertThat(ReplayCommand.parseTime("--x", "2026-11-01T06:00:00Z")).isEqualTo(Instant.parse("2026-11-01T06:00:00Z"));
    assertThat(ReplayCommand.parseTime("--x", "2026-11-01T07:00:00+01:00")).isEqualTo(Instant.parse("2026-11-01T06:00:00Z"));
    assertThat(ReplayCommand.parseTime("--x", "2026-11-01T06:00")).isEqualTo(Instant.parse("2026-11-01T06:00:00Z"));
    assertThat(ReplayCommand.parseTime("--x", "2026-11-01")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
  }

  @Test
  void lagOptionsAreCheckedNamingTheOption() {
    CliRun interval = CliRun.of("lag", "--interval", "0s");
    assertThat(interval.exitCode()).isEqualTo(2);
    assertThat(interval.err()).contains("--interval");
    assertThat(CliRun.of("lag", "--window", "0").err()).contains("--window");
    CliRun serve = CliRun.of("lag", "--serve", "localhost:http");
    assertThat(serve.exitCode()).isEqualTo(2);
    assertThat(serve.err()).contains("--serve 'localhost:http'");
    assertThat(LagCommand.address("9308")).as("loopback unless a host is named").isEqualTo(new InetSocketAddress("127.0.0.1", 9308));
    assertThat(LagCommand.address("0.0.0.0:9308")).isEqualTo(new InetSocketAddress("0.0.0.0", 9308));
    assertThat(LagCommand.address("127.0.0.1:9308")).isEqualTo(new InetSocketAddress("127.0.0.1", 9308));
  }
}

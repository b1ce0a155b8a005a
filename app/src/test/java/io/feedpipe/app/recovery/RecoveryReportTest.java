package io.feedpipe.app.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryReportTest {

  @Test
  void eachRestartIsComparedWithTheCleanStopAndTheOldBehaviourWithFeedpipes() {
    var result = new RecoveryBench.Result(1_000_000, 1_000_042, List.of(
        new RecoveryBench.Measure(RecoveryBench.Scenario.FIRST_START, Duration.ofMillis(40_000), Duration.ofMillis(37_000)),
        new RecoveryBench.Measure(RecoveryBench.Scenario.KILL, Duration.ofMillis(6_000), Duration.ofMillis(3_000)),
        new RecoveryBench.Measure(RecoveryBench.Scenario.CLEAN_STOP, Duration.ofMillis(5_000), Duration.ofMillis(2_000)),
        new RecoveryBench.Measure(RecoveryBench.Scenario.KILL_AS_BEFORE, Duration.ofMillis(90_000), Duration.ofMillis(87_000))));

    String table = RecoveryReport.table(result);

    assertThat(table).contains("1,000,000 ids in the dedupe store (changelog end offsets 1,000,042)");
    assertThat(table).containsPattern("kill -9, feedpipe's settings +6\\.0 s +1\\.20x +3\\.0 s +1\\.50x");
    assertThat(table).containsPattern("clean stop \\(SIGTERM\\), feedpipe's settings +5\\.0 s +1\\.00x +2\\.0 s +1\\.00x");
    assertThat(table).containsPattern("kill -9, Kafka 4\\.3 behaviour +90\\.0 s +18\\.00x +87\\.0 s +43\\.50x");
    assertThat(table).contains("Kafka 4.3 behaviour / feedpipe's settings: 15.0x (29.0x after Streams started)");
  }
}

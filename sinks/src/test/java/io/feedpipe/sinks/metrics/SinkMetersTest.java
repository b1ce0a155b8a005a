package io.feedpipe.sinks.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SinkMetersTest {

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final SinkMeters meters = new SinkMeters(registry, "postgres");

  private double commitAge() {
    return registry.get("feedpipe.sink.last.commit.age").tag("sink", "postgres").gauge().value();
  }

  @Test
  void lastCommitAgeCountsFromTheStartThenFromEachCommit() {
    clock.add(Duration.ofSeconds(7));
    assertThat(commitAge()).isEqualTo(7.0);
    meters.committed();
    assertThat(commitAge()).isZero();
    clock.add(Duration.ofMillis(2_500));
    assertThat(commitAge()).isEqualTo(2.5);
  }

  @Test
  void aBatchCountsItsRecordsAndItsDurationAndRejectsTheirReason() {
    meters.batchDone(40, TimeUnit.MILLISECONDS.toNanos(30));
    meters.rejected(new SQLException("invalid byte sequence", "22021"));
    meters.poisonSkipped(null);

    assertThat(registry.get("feedpipe.sink.records.written").tag("sink", "postgres").counter().count()).isEqualTo(40);
    assertThat(registry.get("feedpipe.sink.batch.duration").tag("sink", "postgres").timer().totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(30);
    assertThat(registry.get("feedpipe.sink.records.rejected").tags("reason", "data_exception").counter().count()).isEqualTo(1);
    assertThat(registry.get("feedpipe.sink.records.rejected").tags("reason", "undecodable").counter().count()).isEqualTo(1);
  }
}

package io.feedpipe.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryBoundsTest {

  private static final long MB = 1L << 20;

  private static MemoryBounds.Workload million(Duration retention) {
    return new MemoryBounds.Workload(1_000_000, Duration.ofHours(24), retention, Duration.ofHours(1), 6, 2, 48, 552, 2000);
  }

  @Test
  void liveIdsAreThoseSeenWithinRetentionPlusOneSweepIntervalWithTenPercentSlack() {
    MemoryBounds b = MemoryBounds.derive(million(Duration.ofHours(1)), 100 * MB);
    // 41,667 ids/h × 2 h × 1.1
    assertThat(b.liveIds()).isEqualTo(91_667);
    assertThat(b.maxIdAge()).isEqualTo(Duration.ofMinutes(132));
  }

  @Test
  void liveIdsNeverExceedThePostsWritten() {
    MemoryBounds b = MemoryBounds.derive(million(Duration.ofDays(30)), 100 * MB);
    assertThat(b.liveIds()).isEqualTo(1_000_000);
  }

  @Test
  void storeBoundIsTwiceTheLiveEntriesPlusLevelZeroBacklogPerInstance() {
    MemoryBounds b = MemoryBounds.derive(million(Duration.ofHours(1)), 100 * MB);
    double entry = 48 + 552 + 32;
    assertThat(b.entryBytes()).isEqualTo(entry);
    double flush = 10_000 * entry; // under the 16 MB write buffer
    double expected = 2 * 91_667 * entry + 6 * (4 * flush + MB);
    assertThat((double) b.storeBytes()).isCloseTo(expected, within(1.0));
  }

  @Test
  void levelZeroFilesAreCappedByTheWriteBuffer() {
    var bigEntries = new MemoryBounds.Workload(1_000_000, Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(1), 6, 2, 48, 4000, 20_000);
    MemoryBounds b = MemoryBounds.derive(bigEntries, 0);
    double entry = 48 + 4000 + 32;
    assertThat((double) b.storeBytes()).isCloseTo(2 * 91_667 * entry + 6 * (4 * 16.0 * MB + MB), within(1.0));
  }

  @Test
  void heapBoundIsTheMeasuredBaselinePlusStreamsBuffersAtTheirLimits() {
    MemoryBounds b = MemoryBounds.derive(million(Duration.ofHours(1)), 100 * MB);
    long fetch = 2 * 6 * MB;
    long queues = (long) (2.0 * 6 * 1000 * 2000);
    long sweepList = (long) (45_834 * (48 + 56.0)); // 41,667 ids/h × 1 h × 1.1, as Strings in a list
    long keptForms = 2 * 8 * MB; // two stream threads' UTF-8 forms
    long expected = fetch + queues + 10 * MB + 32 * MB + sweepList + keptForms + 32 * MB;
    assertThat(b.streamsHeapBytes()).isEqualTo(expected);
    assertThat(b.heapBytes()).isEqualTo(100 * MB + expected);
  }

  @Test
  void derivationNamesEveryTermAndTheResult() {
    MemoryBounds b = MemoryBounds.derive(million(Duration.ofHours(1)), 100 * MB);
    assertThat(String.join("\n", b.derivation()))
        .contains("41,667 new ids/h × (retention 1h + sweep interval 1h) × 1.10 = 91,667 (of 1,000,000 written)")
        .contains("store entry = key 48 B + PostState 552 B + RocksDB 32 B = 632 B")
        .contains("4 L0 files")
        .contains("baseline 100 MB")
        .contains("2h12m old");
  }
}

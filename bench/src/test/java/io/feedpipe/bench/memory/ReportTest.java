package io.feedpipe.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static final long MB = 1L << 20;

  private static RunSummary summary(long maxStore, long keysAtEnd, long recentRemembered, Duration oldest, long heapAfterFullGc, long dlq) {
    return summary(maxStore, keysAtEnd, recentRemembered, oldest, heapAfterFullGc, dlq, 65 * MB);
  }

  private static RunSummary summary(long maxStore, long keysAtEnd, long recentRemembered, Duration oldest, long heapAfterFullGc, long dlq,
      long rocksDb) {
    return new RunSummary(1_000_000, Duration.ofSeconds(40), Duration.ofSeconds(250), maxStore, 90 * MB, Math.max(keysAtEnd, 85_000), 12_000,
        keysAtEnd, oldest,
        recentRemembered, 41_667, 138, 1_000_000 - keysAtEnd, heapAfterFullGc, 9, 230 * MB, 480 * MB, 512 * MB, rocksDb, 64 * MB, 900 * MB, dlq);
  }

  private static MemoryBounds bounds() {
    return MemoryBounds.derive(new MemoryBounds.Workload(1_000_000, Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(1), 6, 2,
        48, 552, 2000), 130 * MB);
  }

  @Test
  void progressLineShowsPostsStoreKeysHeapAndSweeps() {
    assertThat(Report.progress(420_000, 1_000_000, 181 * MB, 88_000, 11_700, 210 * MB, Duration.ofMinutes(605), 54, 350_000))
        .isEqualTo("420,000/1,000,000 posts · store 181 MB on disk · 88,000 ids stored (RocksDB estimate ~11,700) · heap 210 MB · "
            + "simulated 10h5m · 54 sweeps forgot 350,000 ids");
    assertThat(Report.progress(0, 10, 0, -1, -1, MB, Duration.ZERO, 0, 0)).contains("? ids stored ·").contains("store 0 B");
  }

  @Test
  void everyBoundWithinItsLimitPasses() {
    List<Report.Row> rows = Report.rows(summary(150 * MB, 80_000, 41_667, Duration.ofMinutes(110), 200 * MB, 0), bounds());
    assertThat(Report.allPass(rows)).isTrue();
    assertThat(rows).filteredOn(r -> r.pass() != null).extracting(Report.Row::verdict).containsOnly("PASS");
    String table = Report.table(rows);
    assertThat(table).startsWith("measure").contains("store on disk, max").contains("150 MB").contains("PASS")
        .contains("80,000 of 1,000,000 (920,000 forgotten)").contains("≤ 91,667").contains("41,667 of 41,667")
        .contains("1h50m old").contains("≤ 2h12m").contains("4m10s").contains("4,000").doesNotContain("EXCEEDED")
        .contains("65.0 MB").contains("≤ 80.0 MB");
    assertThat(Report.rocksDbDerivation(64 * MB)).isEqualTo("RocksDB cache usage ≤ streams.rocksdb-memory 64.0 MB + 25% (its limit is "
        + "soft: memtables are charged before a flush frees them) = 80.0 MB");
  }

  @Test
  void eachExceededBoundIsNamedAndFailsTheRun() {
    assertThat(verdict(summary(2_000 * MB, 80_000, 41_667, Duration.ofMinutes(110), 200 * MB, 0), "store on disk, max")).isEqualTo("EXCEEDED");
    assertThat(verdict(summary(150 * MB, 500_000, 41_667, Duration.ofMinutes(110), 200 * MB, 0), "ids remembered at end")).isEqualTo("EXCEEDED");
    assertThat(verdict(summary(150 * MB, 500_000, 41_667, Duration.ofMinutes(110), 200 * MB, 0), "ids stored, max (counted every progress line)"))
        .isEqualTo("EXCEEDED");
    assertThat(verdict(summary(150 * MB, 80_000, 41_000, Duration.ofMinutes(110), 200 * MB, 0), "ids seen within retention, remembered"))
        .isEqualTo("EXCEEDED");
    assertThat(verdict(summary(150 * MB, 80_000, 41_667, Duration.ofHours(5), 200 * MB, 0), "oldest id remembered")).isEqualTo("EXCEEDED");
    assertThat(verdict(summary(150 * MB, 80_000, 41_667, Duration.ofMinutes(110), 900 * MB, 0), "heap after full GC, max")).isEqualTo("EXCEEDED");
    assertThat(verdict(summary(150 * MB, 80_000, 41_667, Duration.ofMinutes(110), 200 * MB, 3), "dead letters (posts.dlq)")).isEqualTo("EXCEEDED");
    assertThat(verdict(summary(150 * MB, 80_000, 41_667, Duration.ofMinutes(110), 200 * MB, 0, 81 * MB),
        "RocksDB cache usage (blocks + memtables), max")).isEqualTo("EXCEEDED");
    assertThat(verdict(summary(150 * MB, 80_000, 41_667, Duration.ofMinutes(110), 200 * MB, 0, -1),
        "RocksDB cache usage (blocks + memtables), max")).as("unknown: no verdict").isEmpty();
    assertThat(Report.allPass(Report.rows(summary(2_000 * MB, 80_000, 41_667, Duration.ofMinutes(110), 200 * MB, 0), bounds()))).isFalse();
  }

  @Test
  void anEmptyStoreHasNoOldestId() {
    assertThat(verdict(summary(MB, 0, 0, null, 200 * MB, 0), "oldest id remembered")).isEqualTo("PASS");
  }

  private static String verdict(RunSummary s, String measure) {
    return Report.rows(s, bounds()).stream().filter(r -> r.measure().equals(measure)).findFirst().orElseThrow().verdict();
  }

  @Test
  void bytesInBinaryUnitsWithThreeSignificantDigits() {
    assertThat(Report.bytes(512)).isEqualTo("512 B");
    assertThat(Report.bytes(3500)).isEqualTo("3.42 KB");
    assertThat(Report.bytes(181 * MB)).isEqualTo("181 MB");
    assertThat(Report.bytes(25 * MB + MB / 2)).isEqualTo("25.5 MB");
    assertThat(Report.bytes(1280 * MB)).isEqualTo("1.25 GB");
  }

  @Test
  void durationsCompactWithDaysAsHours() {
    assertThat(Report.duration(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(Report.duration(Duration.ofSeconds(252))).isEqualTo("4m12s");
    assertThat(Report.duration(Duration.ofHours(1))).isEqualTo("1h");
    assertThat(Report.duration(Duration.ofMinutes(132))).isEqualTo("2h12m");
    assertThat(Report.duration(Duration.ofDays(1))).isEqualTo("24h");
  }
}

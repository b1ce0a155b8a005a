package io.feedpipe.bench.memory;

import io.feedpipe.ops.TextColumns;
import io.feedpipe.streams.topology.BoundedRocksDbMemory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The progress lines and the final table of {@code bench-memory}, and the verdict on each bound. Pure. */
public final class Report {

  private Report() {}

  /**
   * One measure of the final table.
   *
   * @param bound the bound as shown; empty for a measure that has none
   * @param pass null for a measure without a bound
   */
  public record Row(String measure, String value, String bound, Boolean pass) {

    public String verdict() {
      return pass == null ? "" : pass ? "PASS" : "EXCEEDED";
    }
  }

  /**
   * e.g. {@code 420,000/1,000,000 posts · store 78.4 MB on disk · 88,000 ids stored (RocksDB estimate ~11,700) · heap 210 MB ·
   * simulated 10h5m · 54 sweeps forgot 350,000 ids}.
   *
   * @param keysCounted -1 when not counted
   * @param keysEstimate -1 when unknown
   * @param simulated simulated time since the first post
   */
  public static String progress(long processed, long total, long storeBytes, long keysCounted, long keysEstimate, long heapUsed,
      Duration simulated, long sweeps, long forgotten) {
    String keys = (keysCounted < 0 ? "? ids stored" : count(keysCounted) + " ids stored")
        + (keysEstimate < 0 ? "" : " (RocksDB estimate ~" + count(keysEstimate) + ")");
    return String.format(Locale.ROOT, "%,d/%,d posts · store %s on disk · %s · heap %s · simulated %s · %,d sweeps forgot %,d ids",
        processed, total, bytes(storeBytes), keys, bytes(heapUsed), duration(simulated), sweeps, forgotten);
  }

  /** The final table, one row per measure, with the bound and verdict where there is one. */
  public static List<Row> rows(RunSummary s, MemoryBounds b) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("posts (distinct ids)", count(s.posts()), "", null));
    rows.add(new Row("write to posts.raw", duration(s.writeTime()) + " (" + count(rate(s.posts(), s.writeTime())) + " posts/s)", "", null));
    rows.add(new Row("process (wall time)", duration(s.processTime()), "", null));
    rows.add(new Row("posts/s", count(Math.round(s.postsPerSecond())), "", null));
    rows.add(new Row("store on disk, max", bytes(s.maxStoreBytes()), "≤ " + bytes(b.storeBytes()), s.maxStoreBytes() <= b.storeBytes()));
    rows.add(new Row("store on disk, at end", bytes(s.endStoreBytes()), "", null));
    rows.add(new Row("ids stored, max (counted every progress line)", s.maxKeysCounted() < 0 ? "?" : count(s.maxKeysCounted()),
        "≤ " + count(b.liveIds()), s.maxKeysCounted() <= b.liveIds()));
    rows.add(new Row("RocksDB estimate-num-keys, max", s.maxKeysEstimate() < 0 ? "?" : "~" + count(s.maxKeysEstimate()), "", null));
    rows.add(new Row("ids remembered at end", String.format(Locale.ROOT, "%s of %s (%s forgotten)", count(s.keysAtEnd()), count(s.posts()),
        count(s.posts() - s.keysAtEnd())), "≤ " + count(b.liveIds()), s.keysAtEnd() <= b.liveIds()));
    rows.add(new Row("ids seen within retention, remembered", count(s.recentRemembered()) + " of " + count(s.recentExpected()),
        "all", s.recentRemembered() == s.recentExpected()));
    rows.add(new Row("oldest id remembered", s.oldestIdAge() == null ? "none" : duration(s.oldestIdAge()) + " old",
        "≤ " + duration(b.maxIdAge()), s.oldestIdAge() == null || s.oldestIdAge().compareTo(b.maxIdAge()) <= 0));
    rows.add(new Row("sweeps logged (per store instance)", count(s.sweepsLogged()) + ", forgot " + count(s.idsForgotten()) + " ids", "", null));
    rows.add(new Row("heap after full GC, max", bytes(s.heapAfterFullGcMax()) + " (" + s.fullGcs() + " full GCs)", "≤ " + bytes(b.heapBytes()),
        s.heapAfterFullGcMax() <= b.heapBytes()));
    rows.add(new Row("heap after any GC, max", bytes(s.heapAfterGcMax()), "", null));
    rows.add(new Row("peak heap", bytes(s.peakHeap()), "-Xmx " + bytes(s.maxHeap()), null));
    long rocksDbBound = rocksDbBound(s.rocksDbBudget());
    rows.add(new Row("RocksDB cache usage (blocks + memtables), max", s.maxRocksDbBytes() < 0 ? "?" : bytes(s.maxRocksDbBytes()),
        "≤ " + bytes(rocksDbBound), s.maxRocksDbBytes() < 0 ? null : s.maxRocksDbBytes() <= rocksDbBound));
    rows.add(new Row("peak resident memory", s.peakResidentBytes() < 0 ? "?" : bytes(s.peakResidentBytes()), "", null));
    rows.add(new Row("dead letters (posts.dlq)", count(s.deadLetters()), "0", s.deadLetters() == 0));
    return rows;
  }

  /** The budget plus RocksDB's soft-limit slack ({@link BoundedRocksDbMemory#SOFT_LIMIT_SLACK}). */
  static long rocksDbBound(long budget) {
    return (long) (budget * (1 + BoundedRocksDbMemory.SOFT_LIMIT_SLACK));
  }

  /** The derivation line of the RocksDB bound. */
  public static String rocksDbDerivation(long budget) {
    return String.format(Locale.ROOT, "RocksDB cache usage ≤ streams.rocksdb-memory %s + %.0f%% (its limit is soft: memtables are "
        + "charged before a flush frees them) = %s", bytes(budget), BoundedRocksDbMemory.SOFT_LIMIT_SLACK * 100, bytes(rocksDbBound(budget)));
  }

  public static boolean allPass(List<Row> rows) {
    return rows.stream().noneMatch(r -> Boolean.FALSE.equals(r.pass()));
  }

  public static String table(List<Row> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"measure", "value", "bound", "verdict"});
    for (Row row : rows) {
      cells.add(new String[] {row.measure(), row.value(), row.bound(), row.verdict()});
    }
    return TextColumns.format(cells);
  }

  /** Bytes in binary units, 3 significant digits: {@code 512 B}, {@code 3.4 KB}, {@code 181 MB}, {@code 1.25 GB}. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    String digits = v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.2f", v);
    return digits + " " + units[u];
  }

  /** {@code 1h}, {@code 2h12m}, {@code 4m12s}, {@code 850ms}; days are shown as hours. */
  public static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = ms / 1000;
    long h = s / 3600;
    long m = s % 3600 / 60;
    long sec = s % 60;
    StringBuilder out = new StringBuilder();
    if (h > 0) {
      out.append(h).append('h');
    }
    if (m > 0) {
      out.append(m).append('m');
    }
    if (sec > 0 && h == 0) {
      out.append(sec).append('s');
    }
    return out.length() == 0 ? "0s" : out.toString();
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static long rate(long n, Duration d) {
    return d.toMillis() == 0 ? 0 : Math.round(n * 1000.0 / d.toMillis());
  }
}

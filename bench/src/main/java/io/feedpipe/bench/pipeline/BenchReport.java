package io.feedpipe.bench.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.feedpipe.ops.TextColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's one table, with the latency, the ratios and the exactly-once check under it: as
 * text for the terminal, as Markdown for docs, as JSON for tools. Pure.
 *
 * @param setup what was measured on what, one line each
 * @param rows the stages, in the order printed
 * @param latency end-to-end latency of the whole pipeline (fetch → committed in posts.clean)
 * @param checks the exactly-once checks of the Streams stage and of the pipeline
 * @param notes footnotes: what the columns include
 * @param metricsCost the Streams stage without and with metrics; null when not measured
 */
public record BenchReport(List<String> setup, List<StageResult> rows, LatencyRecorder.Summary latency, BenchRatios ratios,
    List<DeliveryLedger.Check> checks, List<String> notes, MetricsCost metricsCost) {

  private static final String[] HEADER = {"stage", "posts", "wall s", "posts/s", "MB/s", "CPU-s/1k posts", "own CPU-s/1k", "peak heap MB"};

  public BenchReport {
    setup = List.copyOf(setup);
    rows = List.copyOf(rows);
    checks = List.copyOf(checks);
    notes = List.copyOf(notes);
  }

  /** A report without the metrics' cost. */
  public BenchReport(List<String> setup, List<StageResult> rows, LatencyRecorder.Summary latency, BenchRatios ratios,
      List<DeliveryLedger.Check> checks, List<String> notes) {
    this(setup, rows, latency, ratios, checks, notes, null);
  }

  /** The stages' rows, and the metrics-cost runs' when they were measured. */
  private List<StageResult> allRows() {
    if (metricsCost == null) {
      return rows;
    }
    List<StageResult> all = new ArrayList<>(rows);
    all.add(metricsCost.off());
    all.add(metricsCost.on());
    return all;
  }

  /** Whether every post of every check was in posts.clean exactly once. */
  public boolean exactlyOnce() {
    return checks.stream().allMatch(DeliveryLedger.Check::exactlyOnce);
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    setup.forEach(line -> out.append(line).append('\n'));
    out.append('\n');
    List<String[]> table = new ArrayList<>();
    table.add(HEADER);
    allRows().forEach(row -> table.add(cells(row)));
    out.append(aligned(table));
    out.append('\n').append(latencyLine()).append("\n\n");
    List<String[]> ratioRows = new ArrayList<>();
    for (String[] ratio : ratioLines()) {
      ratioRows.add(new String[] {"  " + ratio[0], ratio[1], ratio[2]});
    }
    out.append("ratios\n").append(TextColumns.format(ratioRows)).append('\n');
    if (metricsCost != null) {
      out.append(metricsCostLine()).append("\n\n");
    }
    out.append("exactly once: ").append(String.join("; ", checks.stream().map(DeliveryLedger.Check::describe).toList())).append("\n\n");
    notes.forEach(note -> out.append("* ").append(note).append('\n'));
    return out.toString();
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    setup.forEach(line -> out.append(line).append("  \n"));
    out.append('\n').append('|').append(String.join("|", HEADER)).append("|\n|");
    for (int i = 0; i < HEADER.length; i++) {
      out.append(i == 0 ? "---|" : "---:|");
    }
    out.append('\n');
    allRows().forEach(row -> out.append('|').append(String.join("|", cells(row))).append("|\n"));
    out.append('\n').append(latencyLine()).append("\n\n| ratio | value | how |\n|---|---:|---|\n");
    for (String[] ratio : ratioLines()) {
      out.append('|').append(String.join("|", ratio)).append("|\n");
    }
    if (metricsCost != null) {
      out.append('\n').append(metricsCostLine()).append('\n');
    }
    out.append("\nexactly once: ").append(String.join("; ", checks.stream().map(DeliveryLedger.Check::describe).toList())).append("\n\n");
    notes.forEach(note -> out.append("- ").append(note).append('\n'));
    return out.toString();
  }

  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("setup", setup);
    List<Map<String, Object>> stages = new ArrayList<>();
    for (StageResult row : allRows()) {
      Map<String, Object> stage = new LinkedHashMap<>();
      stage.put("stage", row.name());
      stage.put("posts", row.posts());
      stage.put("bytes", row.bytes());
      stage.put("wallSeconds", round(row.wallSeconds(), 3));
      stage.put("postsPerSecond", round(row.postsPerSecond(), 1));
      stage.put("megabytesPerSecond", round(row.megabytesPerSecond(), 2));
      stage.put("processCpuSecondsPer1000Posts", round(row.processCpuPer1000(), 3));
      stage.put("ownCpuSecondsPer1000Posts", row.ownCpuNanos() > 0 ? round(row.ownCpuPer1000(), 3) : null);
      stage.put("peakHeapMegabytes", row.peakHeapBytes() >= 0 ? row.peakHeapBytes() / 1_000_000 : null);
      stages.add(stage);
    }
    root.put("stages", stages);
    root.put("latencyMillis", Map.of("count", latency.count(), "p50", latency.p50(), "p99", latency.p99(), "max", latency.max()));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("pipelineOverKafkaCeiling", round(ratios.pipelineOverKafka(), 3));
    r.put("pipelineOverPassThroughCeiling", round(ratios.pipelineOverPassThrough(), 3));
    r.put("cleanOverBareParse", round(ratios.cleanOverParse(), 2));
    r.put("bareParseMillisPerPost", round(ratios.parseCostMillis(), 3));
    r.put("cleanMillisPerPost", round(ratios.cleanCostMillis(), 3));
    r.put("cores", ratios.cores());
    r.put("cleaningLimitPostsPerSecond", round(ratios.cleaningLimit(), 1));
    r.put("streamsOverCleaningLimit", round(ratios.streamsOverLimit(), 3));
    r.put("target", BenchRatios.TARGET);
    r.put("passThroughCpuMillisPerPost", round(ratios.passThroughCostMillis(), 3));
    r.put("cleanAndKafkaLimitPostsPerSecond", round(ratios.cleanAndKafkaLimit(), 1));
    r.put("streamsOverCleanAndKafkaLimit", round(ratios.streamsOverCleanAndKafkaLimit(), 3));
    root.put("ratios", r);
    if (metricsCost != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("runsEach", metricsCost.runsEach());
      m.put("postsPerSecondOff", round(metricsCost.off().postsPerSecond(), 1));
      m.put("postsPerSecondOn", round(metricsCost.on().postsPerSecond(), 1));
      m.put("throughputRatio", round(metricsCost.throughputRatio(), 4));
      m.put("costPercent", round(metricsCost.costPercent(), 2));
      m.put("cpuPerPostPercent", round(metricsCost.cpuPerPostPercent(), 2));
      m.put("targetPercent", MetricsCost.TARGET_PERCENT);
      root.put("metricsCost", m);
    }
    List<Map<String, Object>> checkList = new ArrayList<>();
    for (DeliveryLedger.Check check : checks) {
      checkList.add(Map.of("batch", check.batch().name().toLowerCase(Locale.ROOT), "expected", check.expected(), "missing",
          check.missing(), "duplicated", check.duplicated(), "unexpected", check.unexpected()));
    }
    root.put("exactlyOnce", checkList);
    root.put("notes", notes);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  private String metricsCostLine() {
    return fmt("metrics cost: the Streams stage with a registry %,.0f posts/s, without %,.0f posts/s (%d runs each, interleaved): "
            + "throughput ratio %.3f, cost %.1f %% of throughput (target ≤ %.0f %%: %s); CPU per post %+.1f %%",
        metricsCost.on().postsPerSecond(), metricsCost.off().postsPerSecond(), metricsCost.runsEach(), metricsCost.throughputRatio(),
        metricsCost.costPercent(), MetricsCost.TARGET_PERCENT, metricsCost.targetMet() ? "met" : "not met",
        metricsCost.cpuPerPostPercent());
  }

  private String latencyLine() {
    return latency.count() == 0
        ? "end-to-end latency (fetch → committed in posts.clean): no posts"
        : String.format(Locale.ROOT, "end-to-end latency, fetch → committed in posts.clean (%,d posts): p50 %,d ms · p99 %,d ms · max %,d ms",
            latency.count(), latency.p50(), latency.p99(), latency.max());
  }

  private List<String[]> ratioLines() {
    return List.of(
        new String[] {"pipeline / ceiling (Kafka produce → consume)", fmt("%.2f", ratios.pipelineOverKafka()), "posts/s ÷ posts/s"},
        new String[] {"pipeline / ceiling (Streams pass-through, EOS)", fmt("%.2f", ratios.pipelineOverPassThrough()), "posts/s ÷ posts/s"},
        new String[] {"clean / bare parse", fmt("%.1f×", ratios.cleanOverParse()),
            fmt("%.3f ms ÷ %.3f ms CPU per post", ratios.cleanCostMillis(), ratios.parseCostMillis())},
        new String[] {"streams stage / (cores ÷ clean cost)", fmt("%.2f", ratios.streamsOverLimit()),
            fmt("%,.0f posts/s ÷ (%d ÷ %.3f ms = %,.0f posts/s); target ≥ %.1f: %s", ratios.cleaningLimit() * ratios.streamsOverLimit(),
                ratios.cores(), ratios.cleanCostMillis(), ratios.cleaningLimit(), BenchRatios.TARGET,
                ratios.targetMet() ? "met" : "not met")},
        new String[] {"streams stage / (cores ÷ (clean + pass-through cost))", fmt("%.2f", ratios.streamsOverCleanAndKafkaLimit()),
            fmt("%,.0f posts/s ÷ (%d ÷ (%.3f + %.3f ms) = %,.0f posts/s): the limit with Kafka's exactly-once work counted",
                ratios.cleanAndKafkaLimit() * ratios.streamsOverCleanAndKafkaLimit(), ratios.cores(), ratios.cleanCostMillis(),
                ratios.passThroughCostMillis(), ratios.cleanAndKafkaLimit())});
  }

  private static String[] cells(StageResult row) {
    return new String[] {
      row.name(),
      fmt("%,d", row.posts()),
      fmt("%.2f", row.wallSeconds()),
      fmt("%,.0f", row.postsPerSecond()),
      fmt("%.1f", row.megabytesPerSecond()),
      fmt("%.2f", row.processCpuPer1000()),
      row.ownCpuNanos() > 0 ? fmt("%.2f", row.ownCpuPer1000()) : "–",
      row.peakHeapBytes() >= 0 ? fmt("%,d", row.peakHeapBytes() / 1_000_000) : "–"
    };
  }

  /** The first column left-aligned, the others (numbers) right-aligned, two spaces apart. */
  private static String aligned(List<String[]> rows) {
    int[] width = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(String.format("%-" + width[0] + "s", row[0]));
      for (int i = 1; i < row.length; i++) {
        line.append("  ").append(String.format("%" + width[i] + "s", row[i]));
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}

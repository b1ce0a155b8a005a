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
 * @param written what the first batch made the broker store, per topic; null when not measured
 * @param cleanCarries what posts.clean's records carry, field by field; null when not measured
 * @param paced the paced steps (--rate); null when none ran
 */
public record BenchReport(List<String> setup, List<StageResult> rows, LatencyRecorder.Summary latency, BenchRatios ratios,
    List<DeliveryLedger.Check> checks, List<String> notes, MetricsCost metricsCost, WriteAmplification written,
    CleanPostCarriage cleanCarries, PacedReport paced) {

  private static final String[] HEADER = {"stage", "posts", "wall s", "posts/s", "MB/s", "CPU-s/1k posts", "own CPU-s/1k", "peak heap MB"};

  public BenchReport {
    setup = List.copyOf(setup);
    rows = List.copyOf(rows);
    checks = List.copyOf(checks);
    notes = List.copyOf(notes);
  }

  /** A report without write amplification and paced steps. */
  public BenchReport(List<String> setup, List<StageResult> rows, LatencyRecorder.Summary latency, BenchRatios ratios,
      List<DeliveryLedger.Check> checks, List<String> notes, MetricsCost metricsCost) {
    this(setup, rows, latency, ratios, checks, notes, metricsCost, null, null, null);
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

  /** Whether every post of every check, and of every paced step, was in posts.clean exactly once. */
  public boolean exactlyOnce() {
    return checks.stream().allMatch(DeliveryLedger.Check::exactlyOnce) && (paced == null || paced.exactlyOnce());
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
    if (written != null) {
      out.append(writtenTitle()).append('\n');
      List<String[]> writtenTable = new ArrayList<>();
      for (String[] row : writtenRows()) {
        writtenTable.add(new String[] {"  " + row[0], row[1], row[2], row[3]});
      }
      out.append(TextColumns.format(writtenTable)).append(writtenSummary()).append("\n\n");
    }
    if (cleanCarries != null && cleanCarries.records() > 0) {
      out.append(carriesLine()).append("\n\n");
    }
    if (paced != null) {
      out.append(pacedTitle()).append('\n');
      List<String[]> pacedTable = new ArrayList<>();
      for (String[] row : pacedRows()) {
        String[] indented = row.clone();
        indented[0] = "  " + row[0];
        pacedTable.add(indented);
      }
      out.append(TextColumns.format(pacedTable));
      pacedLines().forEach(line -> out.append(line).append('\n'));
      out.append('\n');
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
    if (written != null) {
      out.append('\n').append(writtenTitle()).append("\n\n");
      markdownTable(out, writtenRows());
      out.append('\n').append(writtenSummary()).append('\n');
    }
    if (cleanCarries != null && cleanCarries.records() > 0) {
      out.append('\n').append(carriesLine()).append('\n');
    }
    if (paced != null) {
      out.append('\n').append(pacedTitle()).append("\n\n");
      markdownTable(out, pacedRows());
      out.append('\n');
      pacedLines().forEach(line -> out.append(line).append("  \n"));
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
    r.put("streamsOverPassThroughCeiling", round(ratios.streamsOverPassThrough(), 3));
    r.put("streamsOverPassThroughTarget", BenchRatios.STREAMS_OVER_PASS_THROUGH_MIN);
    r.put("streamThreadCpuMillisPerPost", round(ratios.streamThreadCostMillis(), 3));
    r.put("streamThreadCpuOverBareParse", round(ratios.streamThreadOverParse(), 2));
    r.put("streamThreadCpuOverBareParseTarget", BenchRatios.STREAM_THREAD_OVER_PARSE_MAX);
    root.put("ratios", r);
    if (written != null) {
      Map<String, Object> w = new LinkedHashMap<>();
      Map<String, Long> topics = new LinkedHashMap<>();
      written.topics().forEach(t -> topics.put(t.name(), t.bytes()));
      w.put("posts", written.posts());
      w.put("bytesByTopic", topics);
      w.put("totalBytes", written.total());
      w.put("bytesPerPost", round(written.totalPerPost(), 0));
      w.put("overRawTopic", round(written.overRaw(), 3));
      w.put("htmlBytes", written.htmlBytes());
      w.put("overHtml", round(written.overHtml(), 3));
      root.put("writtenToBroker", w);
    }
    if (cleanCarries != null && cleanCarries.records() > 0) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("records", cleanCarries.records());
      c.put("meanValueBytes", round(cleanCarries.meanValueBytes(), 0));
      Map<String, Object> fields = new LinkedHashMap<>();
      cleanCarries.fields().forEach(f -> fields.put(f.name(), round(f.meanBytes(), 0)));
      c.put("meanFieldBytes", fields);
      root.put("cleanPostCarries", c);
    }
    if (paced != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("streamsStagePostsPerSecond", round(paced.stageRate(), 1));
      p.put("p99LimitMillis", PacedResult.P99_LIMIT_MILLIS);
      List<Map<String, Object>> steps = new ArrayList<>();
      for (PacedResult step : paced.steps()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("postsPerSecond", round(step.rate(), 1));
        m.put("feeds", step.feeds());
        m.put("pollIntervalMillis", step.pollInterval().toMillis());
        m.put("durationSeconds", step.duration().toSeconds());
        m.put("expected", step.expected());
        m.put("arrived", step.arrived());
        m.put("duplicated", step.duplicated());
        m.put("fetchToCleanMillis", latencyMap(step.fromFetch()));
        m.put("publishedToCleanMillis", latencyMap(step.fromPublished()));
        m.put("streamThreadCpuMillisPerPost", step.streamThreadCpuNanos() > 0 ? round(step.streamThreadCpuMillisPerPost(), 3) : null);
        m.put("held", step.held());
        steps.add(m);
      }
      p.put("steps", steps);
      p.put("highestRateHeld", paced.highestHeld().map(s -> round(s.rate(), 1)).orElse(null));
      p.put("atHalfStageRateHeld", paced.atHalfStageRate().map(PacedResult::held).orElse(null));
      root.put("paced", p);
    }
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

  private static Map<String, Object> latencyMap(LatencyRecorder.Summary summary) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", summary.count());
    m.put("p50", summary.p50());
    m.put("p99", summary.p99());
    m.put("max", summary.max());
    return m;
  }

  private static void markdownTable(StringBuilder out, List<String[]> rows) {
    for (int i = 0; i < rows.size(); i++) {
      out.append('|').append(String.join("|", rows.get(i))).append("|\n");
      if (i == 0) {
        out.append('|');
        for (int c = 0; c < rows.get(0).length; c++) {
          out.append(c == 0 ? "---|" : "---:|");
        }
        out.append('\n');
      }
    }
  }

  private String writtenTitle() {
    return fmt("written to the broker for the first batch (%,d posts; producer stage + streams stage; log bytes as stored: "
        + "compressed, with record and transaction overhead, one replica)", written.posts());
  }

  private List<String[]> writtenRows() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"topic", "MB", "KB/post", "× " + written.rawTopic()});
    long raw = written.rawBytes();
    for (WriteAmplification.Topic topic : written.topics()) {
      rows.add(new String[] {topic.name(), fmt("%.2f", topic.bytes() / 1e6), fmt("%.2f", written.bytesPerPost(topic) / 1000),
          raw == 0 ? "–" : fmt("%.2f", (double) topic.bytes() / raw)});
    }
    rows.add(new String[] {"total", fmt("%.2f", written.total() / 1e6), fmt("%.2f", written.totalPerPost() / 1000),
        raw == 0 ? "–" : fmt("%.2f", written.overRaw())});
    return rows;
  }

  private String writtenSummary() {
    return fmt("write amplification: %.2f bytes written to the broker per byte of %s, %.2f per byte of the posts' HTML (%.1f KB per post)",
        written.overRaw(), written.rawTopic(), written.overHtml(), written.htmlBytes() / 1000.0 / Math.max(1, written.posts()));
  }

  private String carriesLine() {
    StringBuilder line = new StringBuilder(fmt("posts.clean carries per post (%,d records): %.1f KB of Avro value; content by field:",
        cleanCarries.records(), cleanCarries.meanValueBytes() / 1000));
    List<CleanPostCarriage.Field> fields = cleanCarries.fields();
    double rest = 0;
    for (int i = 0; i < fields.size(); i++) {
      if (i < 6) {
        line.append(fmt(" %s %.2f KB,", fields.get(i).name(), fields.get(i).meanBytes() / 1000));
      } else {
        rest += fields.get(i).meanBytes();
      }
    }
    return line.append(fmt(" the other %d fields %.2f KB", Math.max(0, fields.size() - 6), rest / 1000)).toString();
  }

  private String pacedTitle() {
    PacedResult first = paced.steps().isEmpty() ? null : paced.steps().get(0);
    return first == null ? "paced steps: none ran"
        : fmt("paced steps: posts published at a steady rate on feeds each polled every %.1f s from its own phase, %d s per step; "
            + "latency until a read_committed reader of posts.clean has the post", first.pollInterval().toMillis() / 1000.0,
            first.duration().toSeconds());
  }

  private List<String[]> pacedRows() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"rate posts/s", "× stage", "feeds", "posts", "in posts.clean", "fetch → clean p50/p99/max ms",
        "published → clean p50/p99/max ms", "stream-thread CPU ms/post", "held"});
    for (PacedResult step : paced.steps()) {
      rows.add(new String[] {fmt("%,.0f", step.rate()), paced.stageRate() > 0 ? fmt("%.2f", step.rate() / paced.stageRate()) : "–",
          fmt("%,d", step.feeds()), fmt("%,d", step.expected()),
          step.duplicated() > 0 ? fmt("%,d (+%,d dup.)", step.arrived(), step.duplicated()) : fmt("%,d", step.arrived()),
          triple(step.fromFetch()), triple(step.fromPublished()),
          step.streamThreadCpuNanos() > 0 ? fmt("%.2f", step.streamThreadCpuMillisPerPost()) : "–", step.held() ? "yes" : "no"});
    }
    return rows;
  }

  private static String triple(LatencyRecorder.Summary s) {
    return s.count() == 0 ? "–" : fmt("%,d / %,d / %,d", s.p50(), s.p99(), s.max());
  }

  private List<String> pacedLines() {
    List<String> lines = new ArrayList<>();
    double highestRun = paced.steps().stream().mapToDouble(PacedResult::rate).max().orElse(0);
    lines.add(paced.highestHeld()
        .map(s -> fmt("highest rate held (every post, p99 fetch → posts.clean ≤ %,d ms): %,.0f posts/s = %.2f × the streams stage's "
            + "%,.0f posts/s%s", PacedResult.P99_LIMIT_MILLIS, s.rate(), paced.stageRate() > 0 ? s.rate() / paced.stageRate() : 0,
            paced.stageRate(), s.rate() >= highestRun ? " (the highest step run: the limit may lie above)" : ""))
        .orElse(fmt("highest rate held (every post, p99 fetch → posts.clean ≤ %,d ms): none of the steps", PacedResult.P99_LIMIT_MILLIS)));
    double half = paced.stageRate() / 2;
    lines.add(paced.atHalfStageRate()
        .map(s -> fmt("at half the streams stage's rate (%,.0f posts/s): p99 fetch → posts.clean %,d ms; target ≤ %,d ms: %s", s.rate(),
            s.fromFetch().p99(), PacedResult.P99_LIMIT_MILLIS, s.held() ? "met" : "not met"))
        .orElse(fmt("at half the streams stage's rate (%,.0f posts/s): no step ran at that rate (--rate auto runs one)", half)));
    return lines;
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
                ratios.passThroughCostMillis(), ratios.cleanAndKafkaLimit())},
        new String[] {"streams stage / ceiling (Streams pass-through, EOS)", fmt("%.2f", ratios.streamsOverPassThrough()),
            fmt("posts/s ÷ posts/s; target ≥ %.1f: %s", BenchRatios.STREAMS_OVER_PASS_THROUGH_MIN,
                ratios.streamsOverPassThroughMet() ? "met" : "not met")},
        new String[] {"stream threads / bare parse", ratios.streamThreadCostMillis() > 0 ? fmt("%.1f×", ratios.streamThreadOverParse()) : "–",
            ratios.streamThreadCostMillis() > 0
                ? fmt("%.3f ms ÷ %.3f ms CPU per post (the streams stage's stream threads alone); target ≤ %.0f×: %s",
                    ratios.streamThreadCostMillis(), ratios.parseCostMillis(), BenchRatios.STREAM_THREAD_OVER_PARSE_MAX,
                    ratios.streamThreadOverParseMet() ? "met" : "not met")
                : "thread CPU time not measurable here"});
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

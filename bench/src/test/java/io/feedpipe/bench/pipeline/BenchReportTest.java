package io.feedpipe.bench.pipeline;

import static io.feedpipe.bench.pipeline.BenchRatiosTest.stage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.bench.pipeline.BenchFeeds.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private final List<StageResult> rows = List.of(
      stage("ceiling: Kafka produce → consume", 20_000, 2.0, 1.0).withPeakHeapUnknown(),
      stage("ceiling: Streams pass-through, EOS", 20_000, 4.0, 2.0),
      new StageResult("floor: bare Jsoup parse, 1 thread", 20_000, 350_000_000, 7_000_000_000L, 7_100_000_000L, 6_900_000_000L, -1),
      new StageResult("clean: HtmlCleaner, 1 thread", 20_000, 350_000_000, 21_000_000_000L, 21_200_000_000L, 20_800_000_000L, -1),
      stage("producer stage", 20_000, 10.0, 8.0),
      stage("streams stage", 20_000, 16.0, 28.0),
      stage("whole pipeline", 20_000, 25.0, 40.0));
  private final BenchReport report = new BenchReport(
      List.of("feedpipe bench: 20,000 posts"),
      rows,
      new LatencyRecorder.Summary(20_000, 9_120, 17_400, 17_900),
      BenchRatios.of(rows.get(0), rows.get(1), rows.get(2), rows.get(3), rows.get(5), rows.get(6), 2),
      List.of(new DeliveryLedger.Check(Batch.STAGES, 20_000, 0, 0, 0), new DeliveryLedger.Check(Batch.PIPELINE, 20_000, 0, 0, 0)),
      List.of("a footnote"));

  @Test
  void textHasOneRowPerStageWithItsNumbersAndTheLatencyRatiosAndCheckUnderIt() {
    String text = report.text();
    assertThat(text).contains("stage").contains("posts/s").contains("MB/s").contains("CPU-s/1k posts").contains("peak heap MB");
    assertThat(text.lines().filter(line -> line.startsWith("ceiling: Kafka produce → consume")).findFirst().orElseThrow())
        .contains("20,000").contains("2.00").contains("10,000").contains("200.0").endsWith("–");
    assertThat(text.lines().filter(line -> line.startsWith("streams stage")).findFirst().orElseThrow())
        .contains("1,250").contains("1.40").contains("100");
    assertThat(text).contains("p50 9,120 ms · p99 17,400 ms · max 17,900 ms");
    assertThat(text).contains("pipeline / ceiling (Kafka produce → consume)").contains("0.08");
    assertThat(text).contains("clean / bare parse").contains("3.0×");
    assertThat(text).contains("streams stage / (cores ÷ clean cost)").contains("0.65").contains("target ≥ 0.8: not met");
    assertThat(text).contains("streams stage / (cores ÷ (clean + pass-through cost))").contains("with Kafka's exactly-once work counted");
    assertThat(text).contains("exactly once: streams stage: all 20,000 posts exactly once in posts.clean; pipeline: all 20,000");
    assertThat(text).contains("* a footnote");
    assertThat(report.exactlyOnce()).isTrue();
  }

  @Test
  void columnsLineUp() {
    List<String> table = report.text().lines().dropWhile(line -> !line.startsWith("stage")).takeWhile(line -> !line.isBlank()).toList();
    assertThat(table).hasSize(8);
    assertThat(table.stream().map(String::length).distinct()).hasSize(1);
  }

  @Test
  void markdownIsATableWithNumbersRightAligned() {
    String markdown = report.markdown();
    assertThat(markdown).contains("|stage|posts|wall s|posts/s|MB/s|CPU-s/1k posts|own CPU-s/1k|peak heap MB|")
        .contains("|---|---:|---:|").contains("|whole pipeline|20,000|25.00|800|").contains("| ratio | value | how |");
  }

  @Test
  void jsonCarriesTheSameNumbers() throws Exception {
    JsonNode json = new ObjectMapper().readTree(report.json());
    assertThat(json.get("stages")).hasSize(7);
    assertThat(json.get("stages").get(0).get("peakHeapMegabytes").isNull()).isTrue();
    assertThat(json.get("stages").get(6).get("postsPerSecond").asDouble()).isEqualTo(800.0);
    assertThat(json.get("latencyMillis").get("p99").asLong()).isEqualTo(17_400);
    assertThat(json.get("ratios").get("streamsOverCleaningLimit").asDouble()).isEqualTo(0.65);
    assertThat(json.get("exactlyOnce").get(1).get("missing").asInt()).isZero();
  }

  @Test
  void theNewRatiosAreThereWithTheirTargets() {
    BenchReport withThreads = new BenchReport(report.setup(), rows,
        report.latency(), BenchRatios.of(rows.get(0), rows.get(1), rows.get(2), rows.get(3), rows.get(5), rows.get(6), 2, 24_000_000_000L),
        report.checks(), report.notes());
    String text = withThreads.text();
    assertThat(text).contains("streams stage / ceiling (Streams pass-through, EOS)").contains("0.25").contains("target ≥ 0.8: not met");
    assertThat(text).contains("stream threads / bare parse").contains("3.5×").contains("1.200 ms ÷ 0.345 ms CPU per post")
        .contains("target ≤ 4×: met");
    assertThat(report.text()).as("without the stream threads' CPU").contains("thread CPU time not measurable here");
  }

  @Test
  void writtenBytesCarriageAndPacedStepsAreSectionsOfTheirOwn() throws Exception {
    WriteAmplification written = WriteAmplification.of(java.util.Map.of("posts.raw", 80_000_000L, "posts.clean", 160_000_000L,
        "streams app: post-state-changelog", 20_000_000L), name -> name, "posts.raw", 20_000, 350_000_000);
    CleanPostCarriage carriage = new CleanPostCarriage();
    org.apache.avro.Schema schema = org.apache.avro.SchemaBuilder.record("P").fields().requiredString("html").requiredString("text")
        .endRecord();
    org.apache.avro.generic.GenericRecord post = new org.apache.avro.generic.GenericData.Record(schema);
    post.put("html", "x".repeat(16_000));
    post.put("text", "y".repeat(15_000));
    carriage.add(post, 31_500);
    PacedReport paced = new PacedReport(List.of(RateStepsTest.step(300, 400), RateStepsTest.step(600, 900),
        RateStepsTest.step(900, 3_000)), 1_250);
    BenchReport full = new BenchReport(report.setup(), rows, report.latency(), report.ratios(), report.checks(), report.notes(), null,
        written, carriage, paced);

    String text = full.text();
    assertThat(text).contains("written to the broker for the first batch (20,000 posts");
    assertThat(text.lines().filter(line -> line.startsWith("  posts.clean")).findFirst().orElseThrow())
        .contains("160.00").contains("8.00").contains("2.00");
    assertThat(text.lines().filter(line -> line.startsWith("  total")).findFirst().orElseThrow()).contains("260.00").contains("3.25");
    assertThat(text).contains("write amplification: 3.25 bytes written to the broker per byte of posts.raw, 0.74 per byte of the posts' HTML");
    assertThat(text).contains("posts.clean carries per post (1 records): 31.5 KB of Avro value; content by field: html 16.00 KB, "
        + "text 15.00 KB");
    assertThat(text.lines().filter(line -> line.startsWith("  600")).findFirst().orElseThrow())
        .contains("0.48").contains("450 / 900 / 910").contains("1.20").contains("yes");
    assertThat(text.lines().filter(line -> line.startsWith("  900")).findFirst().orElseThrow()).endsWith("no");
    assertThat(text).contains("highest rate held (every post, p99 fetch → posts.clean ≤ 1,000 ms): 600 posts/s = 0.48 × the streams "
        + "stage's 1,250 posts/s");
    assertThat(text).contains("at half the streams stage's rate (600 posts/s): p99 fetch → posts.clean 900 ms; target ≤ 1,000 ms: met");
    assertThat(full.markdown()).contains("|posts.clean|160.00|8.00|2.00|").contains("|rate posts/s|× stage|feeds|");

    JsonNode json = new ObjectMapper().readTree(full.json());
    assertThat(json.get("writtenToBroker").get("overRawTopic").asDouble()).isEqualTo(3.25);
    assertThat(json.get("writtenToBroker").get("bytesByTopic").get("posts.clean").asLong()).isEqualTo(160_000_000L);
    assertThat(json.get("cleanPostCarries").get("meanFieldBytes").get("html").asDouble()).isEqualTo(16_000);
    assertThat(json.get("paced").get("steps")).hasSize(3);
    assertThat(json.get("paced").get("steps").get(2).get("fetchToCleanMillis").get("p99").asLong()).isEqualTo(3_000);
    assertThat(json.get("paced").get("highestRateHeld").asDouble()).isEqualTo(600);
    assertThat(json.get("paced").get("atHalfStageRateHeld").asBoolean()).isTrue();
  }

  @Test
  void aPacedStepThatLostPostsMakesTheReportNotExactlyOnce() {
    LatencyRecorder.Summary latency = new LatencyRecorder.Summary(99, 10, 20, 30);
    PacedResult lossy = new PacedResult(100, 2, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), 100, 99, 0, latency,
        latency, 0);
    BenchReport report = new BenchReport(this.report.setup(), rows, this.report.latency(), this.report.ratios(), this.report.checks(),
        List.of(), null, null, null, new PacedReport(List.of(lossy), 1_000));
    assertThat(report.exactlyOnce()).isFalse();
    assertThat(report.text()).contains("99 ").contains("held");
  }

  @Test
  void aLossMakesTheReportNotExactlyOnce() {
    BenchReport lossy = new BenchReport(report.setup(), rows, report.latency(), report.ratios(),
        List.of(new DeliveryLedger.Check(Batch.PIPELINE, 20_000, 3, 0, 0)), List.of());
    assertThat(lossy.exactlyOnce()).isFalse();
    assertThat(lossy.text()).contains("pipeline: 3 of 20,000 posts missing from posts.clean, 0 duplicated");
  }

  @Test
  void metricsCostIsTwoMoreRowsAndALineWithTheRatioAgainstTheTarget() throws Exception {
    // 40,000 posts each: 32 s without, 32.64 s with metrics: 2 % slower, 3 % more CPU per post.
    MetricsCost cost = new MetricsCost(stage(MetricsCostRuns.OFF, 40_000, 32.0, 50.0), new StageResult(MetricsCostRuns.ON, 40_000,
        800_000_000, 32_640_000_000L, 103_000_000_000L, 51_500_000_000L, 100_000_000), 2);
    BenchReport withCost = new BenchReport(report.setup(), rows, report.latency(), report.ratios(), report.checks(), report.notes(), cost);

    assertThat(cost.costPercent()).isCloseTo(1.96, org.assertj.core.data.Offset.offset(0.01));
    assertThat(cost.targetMet()).isTrue();
    assertThat(withCost.text()).contains("streams stage, metrics off").contains("streams stage, metrics on")
        .contains("throughput ratio 0.980, cost 2.0 % of throughput (target ≤ 3 %: met); CPU per post +3.0 %");
    assertThat(withCost.markdown()).contains("|streams stage, metrics on|40,000|32.64|");
    JsonNode json = new ObjectMapper().readTree(withCost.json());
    assertThat(json.get("stages")).hasSize(9);
    assertThat(json.get("metricsCost").get("costPercent").asDouble()).isEqualTo(1.96);
    assertThat(json.get("metricsCost").get("runsEach").asInt()).isEqualTo(2);
    assertThat(report.text()).doesNotContain("metrics cost");
  }
}

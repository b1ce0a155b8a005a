package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BenchRatiosTest {
  private static final long SECOND = 1_000_000_000L;

  static StageResult stage(String name, long posts, double seconds, double ownCpuSeconds) {
    return new StageResult(name, posts, posts * 20_000, (long) (seconds * SECOND), (long) (ownCpuSeconds * 2 * SECOND),
        (long) (ownCpuSeconds * SECOND), 100_000_000);
  }

  @Test
  void ratiosCompareThePipelineWithTheCeilingsTheCleanerWithTheParseAndStreamsWithTheCleaningLimit() {
    StageResult kafka = stage("kafka", 1000, 0.1, 0.1);          // 10,000 posts/s
    StageResult passThrough = stage("pass", 1000, 0.2, 0.2);     //  5,000 posts/s
    StageResult parse = stage("parse", 1000, 0.4, 0.3);          //  0.3 ms CPU per post
    StageResult clean = stage("clean", 1000, 1.2, 1.2);          //  1.2 ms CPU per post
    StageResult streams = stage("streams", 1000, 0.8, 1.5);      //  1,250 posts/s
    StageResult pipeline = stage("pipeline", 1000, 2.0, 3.0);    //    500 posts/s

    BenchRatios ratios = BenchRatios.of(kafka, passThrough, parse, clean, streams, pipeline, 2);

    assertThat(ratios.pipelineOverKafka()).isCloseTo(0.05, within(1e-9));
    assertThat(ratios.pipelineOverPassThrough()).isCloseTo(0.1, within(1e-9));
    assertThat(ratios.cleanOverParse()).isCloseTo(4.0, within(1e-9));
    assertThat(ratios.cleanCostMillis()).isCloseTo(1.2, within(1e-9));
    assertThat(ratios.cleaningLimit()).as("2 cores ÷ 1.2 ms").isCloseTo(1666.67, within(0.01));
    assertThat(ratios.streamsOverLimit()).isCloseTo(0.75, within(1e-9));
    assertThat(ratios.targetMet()).isFalse();
    assertThat(ratios.passThroughCostMillis()).as("0.4 s of process CPU over 1,000 posts").isCloseTo(0.4, within(1e-9));
    assertThat(ratios.cleanAndKafkaLimit()).as("2 cores ÷ (1.2 + 0.4 ms)").isCloseTo(1250, within(1e-6));
    assertThat(ratios.streamsOverCleanAndKafkaLimit()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void streamsStageAgainstThePassThroughAndItsStreamThreadsCpuAgainstTheBareParse() {
    StageResult kafka = stage("kafka", 1000, 0.1, 0.1);
    StageResult passThrough = stage("pass", 1000, 0.5, 0.2);     //  2,000 posts/s
    StageResult parse = stage("parse", 1000, 0.4, 0.3);          //  0.3 ms CPU per post
    StageResult clean = stage("clean", 1000, 1.2, 1.2);
    StageResult streams = stage("streams", 1000, 0.625, 1.5);    //  1,600 posts/s
    StageResult pipeline = stage("pipeline", 1000, 2.0, 3.0);

    BenchRatios ratios = BenchRatios.of(kafka, passThrough, parse, clean, streams, pipeline, 2, 1_050_000_000L);

    assertThat(ratios.streamsOverPassThrough()).isCloseTo(0.8, within(1e-9));
    assertThat(ratios.streamsOverPassThroughMet()).isTrue();
    assertThat(ratios.streamThreadCostMillis()).as("1.05 s of stream-thread CPU over 1,000 posts").isCloseTo(1.05, within(1e-9));
    assertThat(ratios.streamThreadOverParse()).isCloseTo(3.5, within(1e-9));
    assertThat(ratios.streamThreadOverParseMet()).isTrue();

    BenchRatios slower = BenchRatios.of(kafka, passThrough, parse, clean, stage("streams", 1000, 1.0, 1.5), pipeline, 2, 1_500_000_000L);
    assertThat(slower.streamsOverPassThrough()).isCloseTo(0.5, within(1e-9));
    assertThat(slower.streamsOverPassThroughMet()).isFalse();
    assertThat(slower.streamThreadOverParse()).isCloseTo(5.0, within(1e-9));
    assertThat(slower.streamThreadOverParseMet()).isFalse();
    assertThat(BenchRatios.of(kafka, passThrough, parse, clean, streams, pipeline, 2).streamThreadOverParseMet())
        .as("not measured is not met").isFalse();
  }

  @Test
  void withoutThreadCpuTimeTheCostPerPostIsWallTime() {
    StageResult clean = new StageResult("clean", 1000, 0, 2 * SECOND, 0, 0, -1);
    assertThat(clean.costPerPostSeconds()).isCloseTo(0.002, within(1e-12));
  }

  @Test
  void nothingMeasuredGivesZerosNotDivisionErrors() {
    StageResult none = new StageResult("none", 0, 0, 0, 0, 0, -1);
    BenchRatios ratios = BenchRatios.of(none, none, none, none, none, none, 2);
    assertThat(ratios.pipelineOverKafka()).isZero();
    assertThat(ratios.streamsOverLimit()).isZero();
  }
}

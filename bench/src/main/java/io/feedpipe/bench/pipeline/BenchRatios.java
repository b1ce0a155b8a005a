package io.feedpipe.bench.pipeline;

/**
 * The ratios the benchmark reports. Pure.
 *
 * @param pipelineOverKafka whole pipeline posts/s ÷ raw Kafka produce→consume posts/s
 * @param pipelineOverPassThrough whole pipeline posts/s ÷ pass-through Streams (exactly_once_v2) posts/s
 * @param cleanOverParse CPU per post of feedpipe's cleaner ÷ CPU per post of a bare Jsoup parse
 * @param cores CPU cores the JVM may use
 * @param cleaningLimit cores ÷ the cleaner's CPU per post: posts/s if every core did nothing but clean
 * @param streamsOverLimit Streams stage posts/s ÷ cleaningLimit: the share of the cleaning-bound
 *     limit the Streams stage reaches; the target is at least {@link #TARGET}
 * @param passThroughCostMillis CPU of the whole JVM per post in the pass-through Streams run: what
 *     moving a record through Kafka under exactly_once_v2 costs here (the broker's share included
 *     when it is embedded)
 * @param cleanAndKafkaLimit cores ÷ (clean cost + pass-through cost): the limit once Kafka's own
 *     exactly-once work shares the cores with the cleaning
 * @param streamsOverCleanAndKafkaLimit Streams stage posts/s ÷ cleanAndKafkaLimit
 */
public record BenchRatios(double pipelineOverKafka, double pipelineOverPassThrough, double cleanOverParse, double parseCostMillis,
    double cleanCostMillis, int cores, double cleaningLimit, double streamsOverLimit, double passThroughCostMillis,
    double cleanAndKafkaLimit, double streamsOverCleanAndKafkaLimit) {

  public static final double TARGET = 0.8;

  public static BenchRatios of(StageResult kafka, StageResult passThrough, StageResult bareParse, StageResult clean,
      StageResult streams, StageResult pipeline, int cores) {
    double parseCost = bareParse.costPerPostSeconds();
    double cleanCost = clean.costPerPostSeconds();
    double limit = cleanCost > 0 ? cores / cleanCost : 0;
    double passThroughCost = passThrough.posts() == 0 ? 0 : passThrough.processCpuNanos() / 1e9 / passThrough.posts();
    double withKafka = cleanCost + passThroughCost > 0 ? cores / (cleanCost + passThroughCost) : 0;
    return new BenchRatios(
        divide(pipeline.postsPerSecond(), kafka.postsPerSecond()),
        divide(pipeline.postsPerSecond(), passThrough.postsPerSecond()),
        divide(cleanCost, parseCost),
        parseCost * 1000,
        cleanCost * 1000,
        cores,
        limit,
        divide(streams.postsPerSecond(), limit),
        passThroughCost * 1000,
        withKafka,
        divide(streams.postsPerSecond(), withKafka));
  }

  public boolean targetMet() {
    return streamsOverLimit >= TARGET;
  }

  private static double divide(double a, double b) {
    return b > 0 ? a / b : 0;
  }
}

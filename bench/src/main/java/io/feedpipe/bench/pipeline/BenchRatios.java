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
 * @param streamsOverPassThrough Streams stage posts/s ÷ pass-through Streams (exactly_once_v2)
 *     posts/s: what feedpipe's topology keeps of what Kafka Streams does with the same records
 *     under exactly-once; at least {@link #STREAMS_OVER_PASS_THROUGH_MIN} is the aim
 * @param streamThreadCostMillis CPU of the Streams stage's stream threads alone (not their
 *     producers, not the broker) per post, in milliseconds; 0 when not measured
 * @param streamThreadOverParse streamThreadCost ÷ the bare parse's CPU per post: what a post costs
 *     the stream threads in bare Jsoup parses of it; at most {@link #STREAM_THREAD_OVER_PARSE_MAX}
 *     is the aim
 */
public record BenchRatios(double pipelineOverKafka, double pipelineOverPassThrough, double cleanOverParse, double parseCostMillis,
    double cleanCostMillis, int cores, double cleaningLimit, double streamsOverLimit, double passThroughCostMillis,
    double cleanAndKafkaLimit, double streamsOverCleanAndKafkaLimit, double streamsOverPassThrough, double streamThreadCostMillis,
    double streamThreadOverParse) {

  public static final double TARGET = 0.8;
  public static final double STREAMS_OVER_PASS_THROUGH_MIN = 0.8;
  public static final double STREAM_THREAD_OVER_PARSE_MAX = 4.0;

  /** The ratios without the stream threads' own CPU time. */
  public static BenchRatios of(StageResult kafka, StageResult passThrough, StageResult bareParse, StageResult clean,
      StageResult streams, StageResult pipeline, int cores) {
    return of(kafka, passThrough, bareParse, clean, streams, pipeline, cores, 0);
  }

  /**
   * @param streamThreadCpuNanos CPU time of the Streams stage's stream threads alone over its
   *     posts (0: not measured)
   */
  public static BenchRatios of(StageResult kafka, StageResult passThrough, StageResult bareParse, StageResult clean,
      StageResult streams, StageResult pipeline, int cores, long streamThreadCpuNanos) {
    double streamThreadCost = streams.posts() == 0 ? 0 : streamThreadCpuNanos / 1e9 / streams.posts();
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
        divide(streams.postsPerSecond(), withKafka),
        divide(streams.postsPerSecond(), passThrough.postsPerSecond()),
        streamThreadCost * 1000,
        divide(streamThreadCost, parseCost));
  }

  public boolean streamsOverPassThroughMet() {
    return streamsOverPassThrough >= STREAMS_OVER_PASS_THROUGH_MIN;
  }

  public boolean streamThreadOverParseMet() {
    return streamThreadCostMillis > 0 && streamThreadOverParse <= STREAM_THREAD_OVER_PARSE_MAX;
  }

  public boolean targetMet() {
    return streamsOverLimit >= TARGET;
  }

  private static double divide(double a, double b) {
    return b > 0 ? a / b : 0;
  }
}

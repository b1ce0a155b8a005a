package io.feedpipe.bench.pipeline;

import java.time.Duration;

/**
 * One paced step: posts published at {@code rate} for {@code duration}, fetched by the real
 * producer on their feeds' schedules, and what reached posts.clean when. Pure.
 *
 * @param rate posts published per second
 * @param feeds feeds carrying them
 * @param pollInterval each feed's poll interval
 * @param expected posts published
 * @param arrived distinct posts read from posts.clean
 * @param duplicated records of posts already read
 * @param fromFetch latency from the fetch (the producer's stamp) to the reader, in ms
 * @param fromPublished latency from publication (the schedule) to the reader, in ms: the poll wait included
 * @param streamThreadCpuNanos CPU time of the Streams app's stream threads during the step; 0: not measured
 */
public record PacedResult(double rate, int feeds, Duration pollInterval, Duration duration, int expected, int arrived, int duplicated,
    LatencyRecorder.Summary fromFetch, LatencyRecorder.Summary fromPublished, long streamThreadCpuNanos) {

  /** The same step with the stream threads' CPU time measured. */
  public PacedResult withStreamThreadCpu(long nanos) {
    return new PacedResult(rate, feeds, pollInterval, duration, expected, arrived, duplicated, fromFetch, fromPublished, nanos);
  }

  /** Stream-thread CPU milliseconds per post that arrived; 0 when not measured. */
  public double streamThreadCpuMillisPerPost() {
    return arrived == 0 ? 0 : streamThreadCpuNanos / 1e6 / arrived;
  }

  /** The p99 latency from fetch to posts.clean a step must stay within to hold its rate. */
  public static final long P99_LIMIT_MILLIS = 1_000;

  /** Every post arrived once and 99 % of them within {@link #P99_LIMIT_MILLIS} of their fetch. */
  public boolean held() {
    return arrived == expected && duplicated == 0 && fromFetch.p99() <= P99_LIMIT_MILLIS;
  }
}

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
 */
public record PacedResult(double rate, int feeds, Duration pollInterval, Duration duration, int expected, int arrived, int duplicated,
    LatencyRecorder.Summary fromFetch, LatencyRecorder.Summary fromPublished) {

  /** The p99 latency from fetch to posts.clean a step must stay within to hold its rate. */
  public static final long P99_LIMIT_MILLIS = 1_000;

  /** Every post arrived once and 99 % of them within {@link #P99_LIMIT_MILLIS} of their fetch. */
  public boolean held() {
    return arrived == expected && duplicated == 0 && fromFetch.p99() <= P99_LIMIT_MILLIS;
  }
}

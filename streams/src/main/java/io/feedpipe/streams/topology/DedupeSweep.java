package io.feedpipe.streams.topology;

import java.time.Duration;

/**
 * When the dedupe store forgets post ids not seen within the retention.
 *
 * <p>A sweep reads the whole store, so it runs on a wall-clock schedule rather than per record:
 * every {@link #interval} (an hour, or a quarter of a shorter retention), and once {@link
 * #FIRST_SWEEP_DELAY} after the store is assigned. The early one matters for processes that never
 * live an hour — {@code run --once} from cron, or an app restarted or rebalanced more often: Kafka
 * Streams starts a punctuation's clock afresh on every assignment, so with the hourly schedule alone
 * such a process would never forget anything and the store would grow without bound.
 *
 * <p>A sweep deletes in batches of {@link #BATCH} ids, so that catching up after a long stop (when
 * nearly every id has expired) holds a batch of keys in memory, not the whole store's.
 */
public final class DedupeSweep {

  /** The longest time between two sweeps. */
  public static final Duration MAX_INTERVAL = Duration.ofHours(1);

  /** The shortest: a sweep reads the whole store. */
  public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

  /** The first sweep after the store is assigned to a stream thread. */
  public static final Duration FIRST_SWEEP_DELAY = Duration.ofSeconds(30);

  /** Ids deleted per batch. */
  static final int BATCH = 10_000;

  private DedupeSweep() {}

  /**
   * The time between sweeps for a retention: a quarter of it, at most {@link #MAX_INTERVAL}, at
   * least {@link #MIN_INTERVAL}. An id is forgotten at most one interval after it expires.
   */
  public static Duration interval(Duration retention) {
    Duration quarter = retention.dividedBy(4);
    if (quarter.compareTo(MAX_INTERVAL) > 0) {
      return MAX_INTERVAL;
    }
    return quarter.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : quarter;
  }
}

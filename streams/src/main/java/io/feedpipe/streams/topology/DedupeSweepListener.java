package io.feedpipe.streams.topology;

import java.time.Duration;

/**
 * Told about every sweep of the dedupe store ({@link DedupeSweep}), for whoever wants to count them
 * without reading the log: benchmarks, tests, metrics. The processor still logs each sweep that
 * forgot something, for operators.
 *
 * <p>Called on the stream thread that ran the sweep, once per store instance (one per partition),
 * so an implementation shared by several threads must be thread-safe; it should return quickly, as
 * processing of that thread's partitions waits for it.
 */
@FunctionalInterface
public interface DedupeSweepListener {

  /** Listens to nothing: the topology's default. */
  DedupeSweepListener NONE = sweep -> {};

  void swept(Sweep sweep);

  /**
   * What one sweep of one store instance did.
   *
   * @param scanned post ids read
   * @param forgotten post ids deleted because they were not seen within the retention
   * @param took how long the sweep took on the stream thread
   */
  record Sweep(long scanned, long forgotten, Duration took) {}
}

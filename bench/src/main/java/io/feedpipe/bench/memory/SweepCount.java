package io.feedpipe.bench.memory;

import io.feedpipe.streams.topology.DedupeSweepListener;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the dedupe store's sweeps (one per store instance each time its sweep runs) and the ids
 * they forgot, as the topology reports them. Evidence only; the bounds are checked on the store itself.
 */
final class SweepCount implements DedupeSweepListener {

  private final AtomicLong sweeps = new AtomicLong();
  private final AtomicLong forgotten = new AtomicLong();

  @Override
  public void swept(Sweep sweep) {
    sweeps.incrementAndGet();
    forgotten.addAndGet(sweep.forgotten());
  }

  long sweeps() {
    return sweeps.get();
  }

  long forgotten() {
    return forgotten.get();
  }
}

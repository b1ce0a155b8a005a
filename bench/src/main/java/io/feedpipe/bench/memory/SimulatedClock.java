package io.feedpipe.bench.memory;

import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/**
 * The wall clock the benchmark's Kafka Streams runs on: the system clock shifted by an offset that
 * only grows, so it never goes back and always advances at least as fast as real time.
 *
 * <p>Why: the dedupe store is swept by a wall-clock punctuation (every hour, of ids not seen for the
 * retention), so on the system clock a run shorter than an hour never sweeps and shows nothing about
 * expiry. The benchmark instead moves this clock with its progress ({@link #advanceTo}, driven by
 * {@link Timeline#timeAfter}): once a simulated day of posts is processed, a simulated day has passed,
 * the punctuation has fired about 24 times, and the same sweep code as in production has run on the
 * same store. Only Kafka Streams' own clock is shifted (punctuation, commit interval, task timeouts);
 * its Kafka clients, the broker and RocksDB keep the system clock.
 *
 * <p>Durations ({@link #nanoseconds}) are real: metrics and latencies stay true.
 */
public final class SimulatedClock implements Time {

  private volatile long offsetMillis;

  /** @param startMillis the simulated time now */
  public SimulatedClock(long startMillis) {
    this.offsetMillis = startMillis - System.currentTimeMillis();
  }

  /** Moves the clock forward to {@code simulatedMillis}; never back. */
  public synchronized void advanceTo(long simulatedMillis) {
    long needed = simulatedMillis - System.currentTimeMillis();
    if (needed > offsetMillis) {
      offsetMillis = needed;
    }
  }

  @Override
  public long milliseconds() {
    return System.currentTimeMillis() + offsetMillis;
  }

  @Override
  public long nanoseconds() {
    return System.nanoTime();
  }

  @Override
  public void sleep(long ms) {
    Time.SYSTEM.sleep(ms);
  }

  @Override
  public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
    // Deadlines are on this clock; wait in short steps so that a jump of the clock is noticed.
    synchronized (obj) {
      while (!condition.get()) {
        long remaining = deadlineMs - milliseconds();
        if (remaining <= 0) {
          throw new org.apache.kafka.common.errors.TimeoutException("condition not met before the deadline");
        }
        obj.wait(Math.min(remaining, 100));
      }
    }
  }
}

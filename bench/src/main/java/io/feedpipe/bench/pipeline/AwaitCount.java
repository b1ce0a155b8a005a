package io.feedpipe.bench.pipeline;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Waits, with progress lines, until a count reaches its total, or stops growing for too long. */
final class AwaitCount {
  /** No progress for this long means the rest is not coming (lost, or a stage is stuck). */
  static final Duration STALL = Duration.ofSeconds(120);

  private AwaitCount() {}

  /**
   * @param healthy called while waiting; throws when the stage failed
   * @return true when the total was reached, false after {@link #STALL} without progress
   */
  static boolean until(PrintWriter err, String label, long total, LongSupplier count, Runnable healthy) throws InterruptedException {
    return Progress.during(err, label, total, "posts", count, () -> {
      long last = -1;
      long lastChange = System.nanoTime();
      while (true) {
        long now = count.getAsLong();
        if (now >= total) {
          return true;
        }
        if (now != last) {
          last = now;
          lastChange = System.nanoTime();
        } else if (System.nanoTime() - lastChange > STALL.toNanos()) {
          err.printf("%s: no progress for %d s at %d/%d posts; giving up waiting%n", label, STALL.toSeconds(), now, total);
          err.flush();
          return false;
        }
        healthy.run();
        Thread.sleep(5);
      }
    });
  }
}

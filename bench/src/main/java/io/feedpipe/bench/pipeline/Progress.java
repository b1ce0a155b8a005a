package io.feedpipe.bench.pipeline;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Prints "label: done/total unit" to standard error every few seconds while a long phase runs. */
final class Progress implements AutoCloseable {
  private static final long EVERY_SECONDS = 5;

  private final ScheduledExecutorService timer;

  private Progress(PrintWriter err, String label, long total, String unit, LongSupplier done) {
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "bench-progress");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleAtFixedRate(() -> {
      err.println(String.format(Locale.ROOT, "%s: %,d/%,d %s", label, done.getAsLong(), total, unit));
      err.flush();
    }, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
  }

  private static Progress of(PrintWriter err, String label, long total, String unit, LongSupplier done) {
    return new Progress(err, label, total, unit, done);
  }

  /** A phase that returns a value. */
  interface Phase<T, E extends Exception> {
    T run() throws E;
  }

  /** Runs {@code phase}, printing progress meanwhile. */
  static <T, E extends Exception> T during(PrintWriter err, String label, long total, String unit, LongSupplier done, Phase<T, E> phase)
      throws E {
    Progress progress = of(err, label, total, unit, done);
    try {
      return phase.run();
    } finally {
      progress.close();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

package io.feedpipe.app.cli;

import java.time.Duration;

/**
 * Runs a sink in the calling thread until Ctrl-C or SIGTERM; the shutdown hook asks it to stop
 * and waits for its last batch to be written and committed, so nothing is written twice.
 */
final class SinkLifecycle {
  /** How long a stopping sink may take to finish its batch. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  interface Stoppable {
    boolean stopAndAwait(Duration timeout) throws InterruptedException;
  }

  private SinkLifecycle() {}

  static int runUntilShutdown(Runnable run, Stoppable stop) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stop.stopAndAwait(STOP_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "feedpipe-sink-shutdown"));
    run.run();
    return 0;
  }
}

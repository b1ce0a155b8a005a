package io.feedpipe.bench.pipeline;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * A Kafka Streams app started before its input is written and paused once running (KIP-834), so a
 * measurement can start at {@link #resume()}: the group join, task assignment and the transactional
 * producers' initialization are not part of what is measured.
 */
final class PausedStreams implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final KafkaStreams streams;
  private final String applicationId;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private PausedStreams(Topology topology, Properties props) {
    this.applicationId = props.getProperty("application.id");
    this.streams = new KafkaStreams(topology, props);
    // A benchmark must not hide a failure behind a replaced thread: stop, and say so.
    streams.setUncaughtExceptionHandler(e -> {
      failure.compareAndSet(null, e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
  }

  /** Starts the app, waits until it runs, and pauses it. */
  static PausedStreams start(Topology topology, Properties props) throws InterruptedException {
    PausedStreams app = new PausedStreams(topology, props);
    app.streams.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (app.streams.state() != KafkaStreams.State.RUNNING) {
      app.requireHealthy();
      if (System.nanoTime() > deadline) {
        app.close();
        throw new IllegalStateException("Streams app " + app.applicationId + " not running within " + START_TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
    app.streams.pause();
    return app;
  }

  void resume() {
    streams.resume();
  }

  /** @throws IllegalStateException naming the app and the cause when it failed or stopped */
  void requireHealthy() {
    Throwable e = failure.get();
    if (e != null) {
      throw new IllegalStateException("Streams app " + applicationId + " failed: " + e, e);
    }
    KafkaStreams.State state = streams.state();
    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.NOT_RUNNING) {
      throw new IllegalStateException("Streams app " + applicationId + " stopped (" + state + ")");
    }
  }

  /** Stops the app (its last transaction commits); closing it again does nothing. */
  void stop() {
    close();
  }

  @Override
  public void close() {
    // Leave the group at once (as StreamsApp does) rather than after the session timeout.
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
  }
}

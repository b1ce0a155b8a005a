package io.feedpipe.app.cli;

import io.feedpipe.producer.kafka.FeedProducer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what a command started, newest first (producer, then Streams, then the broker), once,
 * from the shutdown hook on Ctrl-C or at the end of the command.
 */
final class Shutdown implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private boolean done;

  synchronized <T extends AutoCloseable> T register(T resource) {
    resources.push(resource);
    return resource;
  }

  @Override
  public synchronized void run() {
    if (done) {
      return;
    }
    done = true;
    log.info("stopping");
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        if (resource instanceof FeedProducer producer) {
          producer.stop();
        }
        resource.close();
      } catch (Exception e) {
        log.warn("while stopping {}: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
    log.info("stopped");
  }
}

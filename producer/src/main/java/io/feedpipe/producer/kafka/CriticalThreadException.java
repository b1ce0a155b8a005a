package io.feedpipe.producer.kafka;

/**
 * A thread the producer cannot work without died (the feed-list reader, the state reader, the
 * dispatcher). The producer stops rather than idle silently: polling on would mean feeds that are
 * never polled or state that is never read, with nothing to show for it but a quiet process.
 */
public final class CriticalThreadException extends RuntimeException {
  private final String thread;

  public CriticalThreadException(String thread, Throwable cause) {
    super("thread " + thread + " died: " + cause, cause);
    this.thread = thread;
  }

  /** The name of the thread that died. */
  public String thread() {
    return thread;
  }
}

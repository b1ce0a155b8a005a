package io.feedpipe.client.consume;

/** Whether handling the same records again can succeed. */
public enum FailureKind {
  /**
   * The store, the network or the machine failed (connection lost, deadlock, disk full, timeout):
   * the same records will go through once it recovers. {@link DurableConsumer} delivers the batch
   * again after a backoff, for as long as it takes.
   */
  TRANSIENT,
  /**
   * A record itself cannot be written (a character the store refuses, a timestamp out of its
   * range, a constraint it breaks): delivering it again fails again, forever. {@link
   * DurableConsumer} isolates the record(s) at fault and hands them to the {@link
   * DurableConsumer.RejectHandler}; the others are written.
   */
  DETERMINISTIC
}

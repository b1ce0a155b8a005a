package io.feedpipe.client.consume;

import org.apache.kafka.common.TopicPartition;

/**
 * The loop stopped on a record that cannot be written and could not be rejected either (the
 * {@link DurableConsumer.RejectHandler} failed deterministically, or there is none): skipping it
 * would drop it silently, retrying would stall forever. The message names where it is.
 */
public final class RejectFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient TopicPartition partition;
  private final long offset;

  public RejectFailedException(TopicPartition partition, long offset, String reason, Throwable rejectFailure) {
    super("record at " + partition + " offset " + offset + " cannot be written (" + reason + ") and rejecting it failed, stopping: "
        + rejectFailure.getMessage(), rejectFailure);
    this.partition = partition;
    this.offset = offset;
  }

  public TopicPartition partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }
}

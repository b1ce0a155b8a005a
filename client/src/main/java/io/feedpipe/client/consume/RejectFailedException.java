package io.feedpipe.client.consume;

import org.apache.kafka.common.TopicPartition;

/**
 * The loop stopped on a record that cannot be written and could not be rejected either (the
 * {@link DurableConsumer.RejectHandler} failed deterministically, or there is none): skipping it
 * would drop it silently, retrying would stall forever. The message names where it is.
 */
public final class RejectFailedException extends StoppedOnRecordException {
  private static final long serialVersionUID = 1L;

  public RejectFailedException(TopicPartition partition, long offset, String reason, Throwable rejectFailure) {
    super(partition, offset, "cannot be written (" + reason + ") and rejecting it failed", rejectFailure);
  }
}

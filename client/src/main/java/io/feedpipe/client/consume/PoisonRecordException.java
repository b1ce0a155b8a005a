package io.feedpipe.client.consume;

import org.apache.kafka.common.TopicPartition;

/** The loop stopped on a record that does not decode; the message names where it is. */
public final class PoisonRecordException extends StoppedOnRecordException {
  private static final long serialVersionUID = 1L;

  public PoisonRecordException(TopicPartition partition, long offset, Throwable cause) {
    super(partition, offset, "does not decode", cause);
  }
}

package io.feedpipe.client.consume;

import org.apache.kafka.common.TopicPartition;

/** The loop stopped on a record that does not decode; the message names where it is. */
public final class PoisonRecordException extends RuntimeException {
  private final TopicPartition partition;
  private final long offset;

  public PoisonRecordException(TopicPartition partition, long offset, Throwable cause) {
    super("record at " + partition + " offset " + offset + " does not decode, stopping: " + cause.getMessage(), cause);
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

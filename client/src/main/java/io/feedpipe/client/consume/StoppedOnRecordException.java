package io.feedpipe.client.consume;

import org.apache.kafka.common.TopicPartition;

/** The loop stopped on one record, which it could neither process nor skip safely; names where it is. */
public abstract sealed class StoppedOnRecordException extends RuntimeException
    permits PoisonRecordException, RejectFailedException {
  private static final long serialVersionUID = 1L;
  private final transient TopicPartition partition;
  private final long offset;

  StoppedOnRecordException(TopicPartition partition, long offset, String why, Throwable cause) {
    super("record at " + partition + " offset " + offset + " " + why + ", stopping: " + cause.getMessage(), cause);
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

package io.feedpipe.producer.kafka;

/**
 * Some records of a polling round were not acknowledged by Kafka. The message names the first
 * failed record's topic and key; the feeds concerned are fetched in full next round (their
 * validators were not saved), so nothing is lost while the broker recovers.
 */
public final class RecordsNotSentException extends RuntimeException {
  private final int failedRecords;

  RecordsNotSentException(String message, int failedRecords, Throwable firstCause) {
    super(message, firstCause);
    this.failedRecords = failedRecords;
  }

  public int failedRecords() {
    return failedRecords;
  }
}

package io.feedpipe.producer.kafka;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Which send errors concern one record only. Such a record would be refused again on every retry
 * and every refetch, so it must not hold its feed back: it is reported in the feed's status and
 * the feed moves on. Any other error (broker unreachable, timeouts, authorization, a fenced
 * producer) concerns every record alike: the feed keeps its state and is fetched in full next time.
 */
final class RecordRefusal {
  private RecordRefusal() {}

  static boolean concernsOnlyThisRecord(Throwable error) {
    return error instanceof RecordTooLargeException // over max.request.size, or the topic's max.message.bytes
        || error instanceof RecordBatchTooLargeException
        || error instanceof SerializationException
        || error instanceof InvalidRecordException; // e.g. the broker's own validation of this record
  }

  /** A short reason for people: the exception's simple name and message. */
  static String describe(Throwable error) {
    String message = error.getMessage() == null ? "" : ": " + error.getMessage();
    if (message.length() > 300) {
      message = message.substring(0, 300) + "…";
    }
    return error.getClass().getSimpleName() + message;
  }
}

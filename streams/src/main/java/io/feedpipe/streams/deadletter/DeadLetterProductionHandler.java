package io.feedpipe.streams.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when an output record cannot be written. A record refused for what it is (too
 * large, invalid, not serializable) would be refused again on every retry, and failing would kill
 * the stream thread, whose replacement re-reads the same input and dies the same way. Such a record
 * is left out and a dead letter naming its source goes to {@code posts.dlq} instead. Every other
 * error keeps Kafka Streams' default: retriable ones are retried, the rest fail the thread.
 *
 * <p>Limit, checked on Kafka 4.3.1: under exactly-once this saves serialization errors (they
 * happen before the producer sees the record), but not a record the producer or the broker
 * refuses: the producer's transaction is then in an abortable error state and the commit fails
 * whatever this handler answers. That is why posts are kept within streams.max-post-size before
 * they are sent ({@code PostSizeLimiter}), why the budget is checked against every output topic's
 * max.message.bytes at start ({@code TopicLimits}), and why a refusal is remembered ({@link
 * RefusedRecords}): the attempt after the abort dead-letters the input record instead of sending
 * the same output again, so the partition moves on after one replaced thread.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

  private DeadLetterTarget target = DeadLetterTarget.NONE;
  private String applicationId;

  @Override
  public void configure(Map<String, ?> configs) {
    target = DeadLetterTarget.configured(configs);
    Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    applicationId = id == null ? "" : id.toString();
  }

  /** Errors that depend only on the record, so a retry cannot succeed. */
  static boolean isRecordAtFault(Exception e) {
    return e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException
        || e instanceof InvalidRecordException || e instanceof SerializationException;
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (!isRecordAtFault(exception)) {
      return exception instanceof RetriableException ? Response.retry() : Response.fail();
    }
    int size = record.value() == null ? 0 : record.value().length;
    String message = "the record for " + record.topic() + " (" + size + " bytes) was refused: "
        + exception.getClass().getSimpleName() + ": " + DeadLetters.describe(exception);
    if (record.key() != null) {
      // Under exactly-once the transaction aborts anyway; the next attempt dead-letters the input.
      RefusedRecords.remember(applicationId, new String(record.key(), java.nio.charset.StandardCharsets.UTF_8), size, message);
    }
    // Not counted here: under exactly-once this dead letter aborts with the transaction; the retry
    // dead-letters the input record (RecordRefusedException), and that one is counted.
    return resume(context, record.topic(), message, exception, null);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    // Serialization fails before the producer sees the record: this dead letter is written, and counted.
    return resume(context, record.topic(), "the record for " + record.topic() + " could not be serialized ("
        + origin.name().toLowerCase() + "): " + DeadLetters.describe(exception), exception, DeadLetterReason.REFUSED);
  }

  private Response resume(ErrorHandlerContext context, String sinkTopic, String message, Exception exception, DeadLetterReason counted) {
    log.warn("{} (source {}-{} offset {}); {} and going on", message, context.topic(), context.partition(), context.offset(),
        target.where());
    List<ProducerRecord<byte[], byte[]>> letters = target.letters(DeadLetters.source(context), message, exception, counted);
    letters.forEach(letter -> letter.headers().add(DeadLetters.SINK_TOPIC_HEADER, sinkTopic.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return Response.resume(letters);
  }
}

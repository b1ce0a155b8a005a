package io.feedpipe.streams.deadletter;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A record that cannot be read (not Avro, an unknown schema) goes to {@code posts.dlq}, bounded; the app goes on. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private DeadLetterTarget target = DeadLetterTarget.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    target = DeadLetterTarget.configured(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    log.warn("cannot read {}-{} offset {}: {}; {} and going on", record.topic(), record.partition(), record.offset(),
        DeadLetters.describe(exception), target.where());
    var source = new DeadLetters.Source(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
        record.value());
    return Response.resume(target.letters(source, DeadLetters.describe(exception), exception, DeadLetterReason.UNDECODABLE));
  }
}

package io.feedpipe.streams.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A record that cannot be read (not Avro, an unknown schema) goes to {@code posts.dlq}, bounded; the app goes on. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private String dlqTopic;
  private DeadLetterListener listener = DeadLetterListener.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    dlqTopic = DeadLetters.configuredTopic(configs);
    listener = DeadLetterListener.configured(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    log.warn("cannot read {}-{} offset {}: {}; writing a dead letter to {} and going on (read it with: feedpipe tail {})", record.topic(),
        record.partition(), record.offset(), DeadLetters.describe(exception), dlqTopic, dlqTopic);
    if (dlqTopic == null) {
      return Response.resume();
    }
    var source = new DeadLetters.Source(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
        record.value());
    listener.deadLettered(DeadLetterReason.UNDECODABLE);
    return Response.resume(List.of(DeadLetters.of(dlqTopic, source, DeadLetters.describe(exception), exception)));
  }
}

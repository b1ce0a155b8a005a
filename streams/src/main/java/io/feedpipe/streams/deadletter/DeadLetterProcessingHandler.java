package io.feedpipe.streams.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing failed (a malformed post, a mis-keyed record, an error while cleaning
 * it) is logged and goes to {@code posts.dlq} as a bounded dead letter ({@link DeadLetters}); the
 * app goes on with the next record.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private String dlqTopic;
  private DeadLetterListener listener = DeadLetterListener.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    dlqTopic = DeadLetters.configuredTopic(configs);
    listener = DeadLetterListener.configured(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    log.warn("processing failed in {} for {}-{} offset {}: {}; writing a dead letter to {} and going on (read it with: feedpipe tail {})",
        context.processorNodeId(), context.topic(), context.partition(), context.offset(), DeadLetters.describe(exception), dlqTopic, dlqTopic);
    if (dlqTopic == null) {
      return Response.resume();
    }
    var source = DeadLetters.source(context);
    listener.deadLettered(DeadLetterReason.ofProcessingFailure(exception));
    return Response.resume(List.of(DeadLetters.of(dlqTopic, source, DeadLetters.describe(exception), exception)));
  }
}

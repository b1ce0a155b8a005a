package io.feedpipe.streams.deadletter;

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

  private DeadLetterTarget target = DeadLetterTarget.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    target = DeadLetterTarget.configured(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    log.warn("processing failed in {} for {}-{} offset {}: {}; {} and going on", context.processorNodeId(), context.topic(),
        context.partition(), context.offset(), DeadLetters.describe(exception), target.where());
    return Response.resume(target.letters(DeadLetters.source(context), DeadLetters.describe(exception), exception,
        DeadLetterReason.ofProcessingFailure(exception)));
  }
}

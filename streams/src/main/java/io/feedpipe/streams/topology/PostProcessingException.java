package io.feedpipe.streams.topology;

/**
 * An Error (a stack overflow in the HTML parser, say) raised while processing one record, carried
 * as an exception so that Kafka Streams' processing exception handler dead-letters that record
 * instead of the Error killing the stream thread.
 */
public final class PostProcessingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PostProcessingException(String message, Throwable cause) {
    super(message, cause);
  }
}

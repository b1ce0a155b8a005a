package io.feedpipe.schemas.topics;

/**
 * The headers of a {@code posts.dlq} record that say what failed and where the record was read:
 * Kafka Streams' own dead-letter headers (KIP-1034). The Streams app writes them and the client
 * reads them, so both take the names from here.
 */
public final class DeadLetterHeaders {

  /** The exception's class name. */
  public static final String EXCEPTION = "__streams.errors.exception";
  /** What went wrong, naming the record. */
  public static final String MESSAGE = "__streams.errors.message";
  public static final String STACKTRACE = "__streams.errors.stacktrace";
  /** The topic, partition and offset where the failed record was read. */
  public static final String TOPIC = "__streams.errors.topic";
  public static final String PARTITION = "__streams.errors.partition";
  public static final String OFFSET = "__streams.errors.offset";

  private DeadLetterHeaders() {}
}

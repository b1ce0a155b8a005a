package io.feedpipe.streams.deadletter;

/**
 * Why a record went to {@code posts.dlq}, as a small fixed set: the {@code reason} label of
 * {@code feedpipe_streams_dlq_records_total}. The dead letter's headers carry the full message.
 */
public enum DeadLetterReason {
  /** A {@code posts.raw} record that does not decode (not Avro, an unknown schema). */
  UNDECODABLE("undecodable"),
  /** Processing the post failed: a malformed or mis-keyed record, an error while cleaning it. */
  PROCESSING_FAILED("processing_failed"),
  /** Its CleanPost is over {@code streams.max-post-size} even with html and text cut. */
  TOO_LARGE("too_large"),
  /** An output of the record was refused (by the broker, the producer or its serializer). */
  REFUSED("refused"),
  /** A route rule failed on the post; the post is in {@code posts.clean} and its other routes. */
  ROUTE_RULE_FAILED("route_rule_failed");

  private final String label;

  DeadLetterReason(String label) {
    this.label = label;
  }

  /** The metric label value. */
  public String label() {
    return label;
  }

  /**
   * The reason of a processing failure: the one a {@link Known} failure in its cause chain names,
   * else {@link #PROCESSING_FAILED}.
   */
  public static DeadLetterReason ofProcessingFailure(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof Known known) {
        return known.deadLetterReason();
      }
    }
    return PROCESSING_FAILED;
  }

  /** A failure that knows its dead-letter reason (the topology's own exceptions). */
  public interface Known {
    DeadLetterReason deadLetterReason();
  }
}

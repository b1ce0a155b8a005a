package io.feedpipe.streams.topology;

import io.feedpipe.streams.deadletter.DeadLetterReason;

/** Output of this input record was refused by the producer or the broker before; it is dead-lettered instead of sent again. */
public final class RecordRefusedException extends RuntimeException implements DeadLetterReason.Known {
  private static final long serialVersionUID = 1L;

  public RecordRefusedException(String message) {
    super(message);
  }

  @Override
  public DeadLetterReason deadLetterReason() {
    return DeadLetterReason.REFUSED;
  }
}

package io.feedpipe.streams.topology;

import io.feedpipe.streams.deadletter.DeadLetterReason;

/** A post whose CleanPost exceeds streams.max-post-size even with its html and text cut; it is dead-lettered, not sent. */
public final class PostTooLargeException extends RuntimeException implements DeadLetterReason.Known {
  private static final long serialVersionUID = 1L;

  public PostTooLargeException(String message) {
    super(message);
  }

  @Override
  public DeadLetterReason deadLetterReason() {
    return DeadLetterReason.TOO_LARGE;
  }
}

package io.feedpipe.ops.replay;

/** A replay or copy that must not or cannot go ahead; the message says why and what to do. */
public final class ReplayException extends RuntimeException {
  public ReplayException(String message) {
    super(message);
  }

  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.feedpipe.ops.lag;

/** Lag cannot be measured as asked (unknown group, unreachable cluster); the message says which. */
public final class LagException extends RuntimeException {
  public LagException(String message) {
    super(message);
  }

  public LagException(String message, Throwable cause) {
    super(message, cause);
  }
}

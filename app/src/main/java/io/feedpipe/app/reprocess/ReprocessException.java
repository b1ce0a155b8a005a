package io.feedpipe.app.reprocess;

/** Reprocessing cannot go on; the message says why and what to do. */
public final class ReprocessException extends RuntimeException {
  public ReprocessException(String message) {
    super(message);
  }

  public ReprocessException(String message, Throwable cause) {
    super(message, cause);
  }
}

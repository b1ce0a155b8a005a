package io.feedpipe.streams.topology;

/** A post whose CleanPost exceeds streams.max-post-size even with its html and text cut; it is dead-lettered, not sent. */
public final class PostTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PostTooLargeException(String message) {
    super(message);
  }
}

package io.feedpipe.producer.parse;

/** A feed's bytes are not an RSS or Atom document Rome can read; the message names the feed and Rome's reason. */
public final class FeedParseException extends Exception {
  public FeedParseException(String message, Throwable cause) {
    super(message, cause);
  }
}

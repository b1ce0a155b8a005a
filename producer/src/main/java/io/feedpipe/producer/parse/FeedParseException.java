package io.feedpipe.producer.parse;

/**
 * A feed's bytes are not a feed feedpipe can read, or are refused on purpose; the message names
 * the feed and the reason.
 */
public final class FeedParseException extends Exception {
  private final boolean refused;

  public FeedParseException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /** @param refused the document was refused by policy (e.g. a DTD with entity declarations), not merely broken */
  public FeedParseException(String message, Throwable cause, boolean refused) {
    super(message, cause);
    this.refused = refused;
  }

  /** Whether the document was refused by policy rather than unreadable. */
  public boolean refused() {
    return refused;
  }
}

package io.feedpipe.broker;

/**
 * The embedded broker could not start. The message names what is at fault (an address, a path, a
 * file or a setting) and what to do about it, so callers can show it to a user as it is.
 */
public final class BrokerStartupException extends RuntimeException {

  public BrokerStartupException(String message) {
    super(message);
  }

  public BrokerStartupException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.feedpipe.streams.route;

/**
 * A route rule's regular expression gave up on a post. Route rules now run on RE2 ({@link
 * RouteRegex}), whose matching takes linear time, so nothing in feedpipe throws this any more; it
 * stays so that code which handled it (the {@code routes test} command) still compiles.
 */
public final class RegexBudgetExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RegexBudgetExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.feedpipe.streams.route;

import java.util.regex.Pattern;

/**
 * A route rule's regular expression gave up on a post: it read more characters than {@link
 * BoundedRegex} allows, which only a pattern that backtracks without bound does. The message names
 * the pattern and the part of the post; {@link RouteRule#matches} adds the rule's name.
 */
public final class RegexBudgetExceededException extends RuntimeException {

  RegexBudgetExceededException(Pattern pattern, String subject, long steps) {
    super("regular expression /" + pattern.pattern() + "/ gave up on " + subject + " after " + steps
        + " character reads (it backtracks without bound: remove nested quantifiers such as (a+)+, or anchor it)");
  }

  RegexBudgetExceededException(String message, RegexBudgetExceededException cause) {
    super(message, cause);
  }
}

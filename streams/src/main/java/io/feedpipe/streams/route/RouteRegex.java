package io.feedpipe.streams.route;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The regular expressions of route rules, in RE2 syntax (RE2/J).
 *
 * <p>Why RE2: java.util.regex backtracks, so one pattern with nested quantifiers, such as {@code
 * (a|b)+$} or {@code (.*,){11}P}, takes exponential time on some posts, and recurses deep enough on
 * long texts to overflow the stream thread's stack. RE2 matches in time linear in the text (times
 * the pattern's size) and without recursion, so no rule can run away on a post. The price: RE2 has
 * no backreferences ({@code \1}) and no lookarounds ({@code (?=…)}, {@code (?!…)}, {@code (?<=…)},
 * {@code (?<!…)}); a rule using them is refused at start with the rule and field named.
 *
 * <p>The text searched is not capped: a post's text is at most {@code streams.max-post-size}, and
 * the work per rule is linear in it.
 */
public final class RouteRegex {

  private RouteRegex() {}

  /** {@code regex} compiled, or a {@link RouteConfigException} naming {@code rule} and {@code field}. */
  public static Pattern compile(String rule, String field, String regex) {
    return compile(rule, field, regex, 0);
  }

  /** The same pattern as a java.util.regex one (the first release's Java API), in RE2. */
  static Pattern fromJava(String rule, String field, java.util.regex.Pattern javaPattern) {
    int flags = 0;
    if ((javaPattern.flags() & java.util.regex.Pattern.CASE_INSENSITIVE) != 0) {
      flags |= Pattern.CASE_INSENSITIVE;
    }
    if ((javaPattern.flags() & java.util.regex.Pattern.MULTILINE) != 0) {
      flags |= Pattern.MULTILINE;
    }
    if ((javaPattern.flags() & java.util.regex.Pattern.DOTALL) != 0) {
      flags |= Pattern.DOTALL;
    }
    return compile(rule, field, javaPattern.pattern(), flags);
  }

  private static Pattern compile(String rule, String field, String regex, int flags) {
    try {
      return Pattern.compile(regex, flags);
    } catch (PatternSyntaxException e) {
      String hint = looksLikeUnsupportedPerl(regex)
          ? "; backreferences (\\1) and lookarounds ((?=, (?!, (?<=, (?<!) are not supported: rules use RE2 syntax, which "
              + "matches in linear time"
          : "";
      throw new RouteConfigException(rule, field, "is not a valid regular expression: " + e.getDescription()
          + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : " ('" + e.getPattern() + "')") + hint);
    }
  }

  private static boolean looksLikeUnsupportedPerl(String regex) {
    return regex.contains("(?=") || regex.contains("(?!") || regex.contains("(?<=") || regex.contains("(?<!")
        || regex.matches("(?s).*\\\\[1-9].*") || regex.contains("\\k<");
  }
}

package io.feedpipe.streams.clean;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One piece of a feed's boilerplate, described as data so that another feed's header or footer is a
 * configuration change, not a code change.
 *
 * <p>A "block" is what the plain text shows as one paragraph: the text of a run of inline content
 * up to a {@code <br>} or a block element, or a whole block element such as {@code <p>}. A rule
 * removes the block from text and HTML only when its whitespace-normalized text matches {@code
 * textRegex} <em>entirely</em>, so a loose regex cannot eat real content. The {@code <br>}s
 * separating the block from the rest go with it.
 *
 * @param name names the rule in errors and logs, e.g. {@code "lesswrong-published-on"}
 * @param position where the block must be: {@link Position#LEADING_BLOCK}, {@link
 *     Position#TRAILING_BLOCK}, or {@link Position#TRAILING_LINK} (a last block made of a single
 *     link)
 * @param textRegex a Java regex the block's text must match entirely
 * @param hrefRegex for {@link Position#TRAILING_LINK}: a regex the link's raw {@code href} must
 *     match entirely, or {@code null} for any; must be {@code null} for the other positions
 */
public record BoilerplateRule(String name, Position position, String textRegex, String hrefRegex) {

  /** Where a rule looks for its block. */
  public enum Position {
    /** The first block of the entry. */
    LEADING_BLOCK,
    /** The last block of the entry. */
    TRAILING_BLOCK,
    /** The last block of the entry, when it is a single link. */
    TRAILING_LINK
  }

  public BoilerplateRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(position, "position of boilerplate rule " + name);
    Objects.requireNonNull(textRegex, "textRegex of boilerplate rule " + name);
    compile(name, "textRegex", textRegex);
    if (hrefRegex != null) {
      if (position != Position.TRAILING_LINK) {
        throw new IllegalArgumentException(
            "boilerplate rule " + name + ": hrefRegex only applies to TRAILING_LINK rules");
      }
      compile(name, "hrefRegex", hrefRegex);
    }
  }

  public static BoilerplateRule leadingBlock(String name, String textRegex) {
    return new BoilerplateRule(name, Position.LEADING_BLOCK, textRegex, null);
  }

  public static BoilerplateRule trailingBlock(String name, String textRegex) {
    return new BoilerplateRule(name, Position.TRAILING_BLOCK, textRegex, null);
  }

  public static BoilerplateRule trailingLink(String name, String textRegex, String hrefRegex) {
    return new BoilerplateRule(name, Position.TRAILING_LINK, textRegex, hrefRegex);
  }

  /**
   * LessWrong's feed wraps every post in {@code Published on December 8, 2025 6:20 PM
   * GMT<br/><br/>} … {@code <br/><br/><a href="…#comments">Discuss</a>}.
   */
  public static List<BoilerplateRule> lesswrong() {
    return List.of(
        leadingBlock(
            "lesswrong-published-on",
            "Published on [A-Z][a-z]+ \\d{1,2}, \\d{4} \\d{1,2}:\\d{2} [AP]M GMT"),
        trailingLink("lesswrong-discuss-link", "Discuss", ".*#comments"));
  }

  Pattern textPattern() {
    return compile(name, "textRegex", textRegex);
  }

  /** {@code null} when any href will do. */
  Pattern hrefPattern() {
    return hrefRegex == null ? null : compile(name, "hrefRegex", hrefRegex);
  }

  private static Pattern compile(String rule, String setting, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "boilerplate rule " + rule + ": " + setting + " is not a valid regex: " + e.getMessage(),
          e);
    }
  }
}

package io.feedpipe.streams.clean;

import java.util.Locale;
import java.util.Set;

/**
 * Finds stylesheets that arrived as text and cuts them out.
 *
 * <p>Some publishers and aggregators flatten a page's {@code <style>} into its text: an entry then
 * reads "the reward R(s,a).mjx-chtml {display: inline-block; line-height: 0; …} .MJXc-display
 * {…} @font-face {…} comes from the environment". {@link CleaningTraversal} drops {@code <style>}
 * elements; this drops the same rules when they are plain text.
 *
 * <p>What counts as CSS, so that prose with braces survives ("use {x: 1}", JSON, LaTeX, templates,
 * code): a <em>run</em> of rule blocks, one after another with only their selectors between them,
 * whose bodies parse as declarations ({@code property: value;…}, or nested rules inside an
 * at-rule), and which has either at least two blocks and one selector that only CSS writes (a
 * class, id, attribute, pseudo-class, universal selector or combinator), or an at-rule. A selector
 * between blocks that reads like a sentence ("and then use") ends the run. Text inside
 * {@code <pre>}, {@code <code>} and friends is never looked at (the caller's job).
 *
 * <p>Linear time on any input, so hostile text cannot stall the stream thread: a hand-written
 * scanner, no backtracking regex. Every block body is scanned once; a rejected run is skipped as a
 * whole (any part of it would be rejected too); selector scans are bounded by {@link
 * #MAX_SELECTOR}.
 */
final class CssText {

  /** Longest selector (or at-rule prelude) considered; MathJax's longest is ~60 characters. */
  static final int MAX_SELECTOR = 512;

  private CssText() {}

  /** {@code text} without the CSS runs in it; the same instance when there are none. */
  static String strip(String text) {
    int open = text.indexOf('{');
    if (open < 0) {
      return text;
    }
    int n = text.length();
    StringBuilder out = null;
    int copied = 0; // text[copied, …) is not written yet
    while (open >= 0) {
      int start = firstSelectorStart(text, open, copied);
      int[] run = run(text, start, open);
      int end = run[0];
      if (end < 0) {
        open = text.indexOf('{', open + 1);
        continue;
      }
      if (run[1] != 0) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        int keepTo = start;
        while (keepTo > copied && isSpace(text.charAt(keepTo - 1))) {
          keepTo--;
        }
        out.append(text, copied, keepTo);
        // The run becomes one space when whitespace or words stood on either side of it, nothing
        // otherwise: the text then reads as if the stylesheet had been a <style> element.
        int after = end;
        while (after < n && isSpace(text.charAt(after))) {
          after++;
        }
        boolean spaced = keepTo < start || after > end;
        boolean between = keepTo > 0 && after < n;
        if (spaced || between) {
          out.append(' ');
        }
        copied = after;
      }
      open = end < n ? text.indexOf('{', end) : -1;
    }
    if (out == null) {
      return text;
    }
    out.append(text, copied, n);
    return out.toString();
  }

  /**
   * Where the selector of a block opening at {@code open} starts, looking back no further than
   * {@code floor}. One compound selector, plus any before it joined by a comma or a combinator. A
   * word glued to a leading class or id ("R(s,a).mjx-chtml", "X.mjx-chtml") is left out: in
   * flattened pages it is the formula or sentence just before the stylesheet.
   */
  private static int firstSelectorStart(String s, int open, int floor) {
    int limit = Math.max(floor, open - MAX_SELECTOR);
    for (int a = open - 1; a >= limit && isSelectorChar(s.charAt(a)); a--) {
      if (s.charAt(a) == '@') {
        if (isKnownAtRule(s, a, open) && (a == 0 || !isWordChar(s.charAt(a - 1)))) {
          return a; // "@media screen and (max-width: 600px) {": the prelude has parentheses and spaces
        }
        break;
      }
    }
    int i = open;
    while (i > limit && isSpace(s.charAt(i - 1))) {
      i--;
    }
    int start = tokenStart(s, i, limit);
    if (start == i) {
      return open; // no selector: "{…" right after prose punctuation
    }
    // "word.class": start at the class
    int k = start;
    while (k < i && isWordChar(s.charAt(k))) {
      k++;
    }
    if (k > start && k < i && (s.charAt(k) == '.' || s.charAt(k) == '#')) {
      start = k;
      return start;
    }
    while (true) {
      int j = start;
      while (j > limit && isSpace(s.charAt(j - 1))) {
        j--;
      }
      if (j == start || j <= limit) {
        return start;
      }
      char joiner = s.charAt(j - 1);
      char first = s.charAt(start);
      boolean joined = joiner == ',' || isCombinator(joiner) || isCombinator(first);
      if (!joined) {
        return start;
      }
      int previous = tokenStart(s, j, limit);
      if (previous == j) {
        return start;
      }
      start = previous;
    }
  }

  /** Start of the run of non-space selector characters (no parentheses) ending at {@code end}. */
  private static int tokenStart(String s, int end, int limit) {
    int i = end;
    while (i > limit) {
      char c = s.charAt(i - 1);
      if (isSpace(c) || !isSelectorChar(c) || c == '(' || c == ')') {
        break;
      }
      i--;
    }
    return i;
  }

  /**
   * Parses the run whose first selector is {@code s[start, open)}.
   *
   * @return {end, drop}: end is the index after the run's last block, or -1 when not even one
   *     block parses; drop is 1 when the run is CSS by the rules in the class comment
   */
  private static int[] run(String s, int start, int open) {
    int n = s.length();
    int blocks = 0;
    boolean cssOnly = false;
    boolean atRule = false;
    int end = -1;
    int selStart = start;
    int brace = open;
    while (true) {
      boolean at = selStart < brace && s.charAt(selStart) == '@' && isKnownAtRule(s, selStart, brace);
      int e = at ? atRuleBody(s, brace) : declarations(s, brace);
      if (e < 0) {
        break;
      }
      blocks++;
      atRule |= at;
      cssOnly |= at || hasCssOnlySyntax(s, selStart, brace);
      end = e;
      // The next selector: selector characters up to the next '{', and plausible as a selector.
      int j = e;
      while (j < n && isSpace(s.charAt(j))) {
        j++;
      }
      int k = j;
      int limit = Math.min(n, j + MAX_SELECTOR);
      while (k < limit && s.charAt(k) != '{' && isSelectorChar(s.charAt(k))) {
        k++;
      }
      if (k >= n || s.charAt(k) != '{' || k == j || !plausibleSelector(s, j, k)) {
        break;
      }
      selStart = j;
      brace = k;
    }
    boolean drop = blocks >= 2 ? cssOnly : blocks == 1 && atRule;
    return new int[] {end, drop ? 1 : 0};
  }

  /**
   * A declaration block {@code {prop: value; …}} opening at {@code open}.
   *
   * @return the index after its '}', or -1 when it is not one (or holds no declaration)
   */
  static int declarations(String s, int open) {
    int n = s.length();
    int i = open + 1;
    int count = 0;
    while (true) {
      i = skipSpaceAndComments(s, i);
      if (i < 0 || i >= n) {
        return -1;
      }
      char c = s.charAt(i);
      if (c == '}') {
        return count > 0 ? i + 1 : -1;
      }
      if (c == ';') {
        i++;
        continue;
      }
      // property: an identifier (custom properties "--x" included)
      int p = i;
      while (i < n && (isWordChar(s.charAt(i)) || s.charAt(i) == '-' || s.charAt(i) == '_')) {
        i++;
      }
      if (i == p || !(Character.isLetter(s.charAt(p)) || s.charAt(p) == '-' || s.charAt(p) == '_')) {
        return -1;
      }
      i = skipSpaceAndComments(s, i);
      if (i < 0 || i >= n || s.charAt(i) != ':') {
        return -1;
      }
      i++;
      // value: up to ';' or '}' outside strings and parentheses
      int depth = 0;
      boolean any = false;
      while (true) {
        if (i >= n) {
          return -1;
        }
        c = s.charAt(i);
        if (c == '{') {
          return -1;
        }
        if (c == '}') {
          if (depth > 0) {
            return -1;
          }
          break;
        }
        if (c == ';' && depth == 0) {
          break;
        }
        if (c == '"' || c == '\'') {
          // a string ends on its line and never runs past the block: scanned by hand, once
          int q = i + 1;
          while (q < n && s.charAt(q) != c && s.charAt(q) != '}' && s.charAt(q) != '{' && s.charAt(q) != '\n') {
            q++;
          }
          if (q >= n || s.charAt(q) != c) {
            return -1;
          }
          i = q + 1;
          any = true;
          continue;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          if (--depth < 0) {
            return -1;
          }
        }
        if (!isSpace(c)) {
          any = true;
        }
        i++;
      }
      if (!any) {
        return -1;
      }
      count++;
    }
  }

  /**
   * The body of an at-rule: declarations (@font-face, @page) or nested rules (@media, @supports,
   * @keyframes). Nested rules hold declarations only (one level), which is what stylesheets dumped
   * into text contain.
   */
  private static int atRuleBody(String s, int open) {
    int decl = declarations(s, open);
    if (decl >= 0) {
      return decl;
    }
    int n = s.length();
    int i = open + 1;
    int rules = 0;
    while (true) {
      i = skipSpaceAndComments(s, i);
      if (i < 0 || i >= n) {
        return -1;
      }
      if (s.charAt(i) == '}') {
        return rules > 0 ? i + 1 : -1;
      }
      int k = i;
      int limit = Math.min(n, i + MAX_SELECTOR);
      while (k < limit && s.charAt(k) != '{' && isSelectorChar(s.charAt(k))) {
        k++;
      }
      if (k >= n || s.charAt(k) != '{' || k == i || s.charAt(i) == '@') {
        return -1;
      }
      int e = declarations(s, k);
      if (e < 0) {
        return -1;
      }
      rules++;
      i = e;
    }
  }

  /** -1 on a comment that is unterminated or holds a brace. */
  private static int skipSpaceAndComments(String s, int i) {
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        i++;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        // scanned by hand and stopped at a brace, so a stray "/*" costs no more than its block
        int q = i + 2;
        while (q + 1 < n && !(s.charAt(q) == '*' && s.charAt(q + 1) == '/')) {
          if (s.charAt(q) == '{' || s.charAt(q) == '}') {
            return -1;
          }
          q++;
        }
        if (q + 1 >= n) {
          return -1;
        }
        i = q + 2;
      } else {
        break;
      }
    }
    return i;
  }

  /**
   * A selector between two blocks: every word is selector-shaped (no word ending in a full stop,
   * none with quotes or parentheses outside brackets), and if there are several words, one of them
   * has syntax only CSS writes. "and then use" is prose; ".a .b", "body :focus .x", "a, b" are not.
   */
  private static boolean plausibleSelector(String s, int from, int to) {
    int end = to;
    while (end > from && isSpace(s.charAt(end - 1))) {
      end--;
    }
    if (end == from) {
      return false;
    }
    if (s.charAt(from) == '@') {
      return isKnownAtRule(s, from, end);
    }
    int words = 0;
    int i = from;
    while (i < end) {
      while (i < end && isSpace(s.charAt(i))) {
        i++;
      }
      int w = i;
      int brackets = 0;
      while (i < end && !isSpace(s.charAt(i))) {
        char c = s.charAt(i);
        if (c == '[') {
          brackets++;
        } else if (c == ']') {
          brackets--;
        } else if (brackets == 0 && (c == '"' || c == '\'')) {
          return false;
        }
        i++;
      }
      if (i > w) {
        words++;
        if (s.charAt(i - 1) == '.') {
          return false;
        }
      }
    }
    return words == 1 || hasCssOnlySyntax(s, from, end);
  }

  /** Class, id, attribute, pseudo-class, universal selector or combinator. */
  private static boolean hasCssOnlySyntax(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '#' || c == '[' || c == '*' || c == '>' || c == '~' || c == '+') {
        return true;
      }
      if ((c == '.' || c == ':') && i + 1 < to && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '-')) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSelectorChar(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || isSpace(c)
          || "-_.#:*>+~,[]=\"'()%!@\\/|^$".indexOf(c) >= 0;
    }
    return false;
  }

  private static final Set<String> AT_RULES = Set.of("media", "font-face", "supports", "keyframes",
      "-webkit-keyframes", "-moz-keyframes", "page", "font-feature-values", "counter-style", "property", "layer", "container",
      "document", "-moz-document", "viewport", "-ms-viewport", "scope", "starting-style");

  /** "@media …", "@font-face …": an at-rule CSS defines, so that "@alice {…}" in prose is not one. */
  private static boolean isKnownAtRule(String s, int at, int to) {
    int e = at + 1;
    while (e < to && (isWordChar(s.charAt(e)) || s.charAt(e) == '-')) {
      e++;
    }
    return AT_RULES.contains(s.substring(at + 1, e).toLowerCase(Locale.ROOT));
  }

  private static boolean isCombinator(char c) {
    return c == '>' || c == '+' || c == '~';
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isSpace(char c) {
    return (CharClass.of(c) & CharClass.SPACE) != 0;
  }
}

package io.feedpipe.streams.clean;

/** What counts as whitespace in text, and collapsing it onto one line. */
final class Whitespace {

  private Whitespace() {}

  /**
   * HTML's whitespace plus the no-break and other Unicode spaces, and control characters (which
   * have no business in text and would otherwise survive as invisible junk).
   */
  static boolean isWhitespace(char c) {
    return c <= ' ' || c == '\u00A0' || (c >= '\u1680' && isUnicodeSpace(c));
  }

  /**
   * The space separators above Latin-1, spelled out: {@link Character#isSpaceChar} is a table
   * lookup, and curly quotes and dashes (U+2013–U+201D) sit right next to the spaces, so every one
   * of them would pay for it.
   */
  private static boolean isUnicodeSpace(char c) {
    return (c >= '\u2000' && c <= '\u200A')
        || c == '\u1680'
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u202F'
        || c == '\u205F'
        || c == '\u3000';
  }

  /** The text on one line: trimmed, every run of whitespace (line breaks too) one space. */
  static String collapse(CharSequence text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (isWhitespace(c)) {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }
}

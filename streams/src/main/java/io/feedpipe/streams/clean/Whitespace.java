package io.feedpipe.streams.clean;

/** What counts as whitespace in text, and collapsing it onto one line. */
final class Whitespace {

  private Whitespace() {}

  /**
   * HTML's whitespace plus the no-break and other Unicode spaces, and control characters (which
   * have no business in text and would otherwise survive as invisible junk).
   */
  static boolean isWhitespace(char c) {
    return c <= ' ' || c == '\u00A0' || (c >= '\u2000' && Character.isSpaceChar(c));
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

package io.feedpipe.streams.clean;

/** What counts as whitespace in text, and collapsing it. */
final class Whitespace {

  private Whitespace() {}

  /**
   * HTML's whitespace plus the no-break and other Unicode spaces, and control characters (which
   * have no business in text and would otherwise survive as invisible junk).
   */
  static boolean isWhitespace(char c) {
    return (CharClass.of(c) & CharClass.SPACE) != 0;
  }

  /** The text on one line: trimmed, every run of whitespace (line breaks too) one space. */
  static String collapse(CharSequence text) {
    char[] chars = text.toString().toCharArray();
    int end = collapseInPlace(chars, 0, chars.length);
    int start = end > 0 && chars[0] == ' ' ? 1 : 0;
    if (end > start && chars[end - 1] == ' ') {
      end--;
    }
    return new String(chars, start, end - start);
  }

  /**
   * Rewrites {@code s[from, to)} so that every run of whitespace is one plain space, and returns
   * the new end. Branch-free: each character is written, as itself or as a space, and the write
   * position only advances when it does not continue a run of whitespace.
   */
  static int collapseInPlace(char[] s, int from, int to) {
    int write = from;
    int previousSpace = 0;
    for (int i = from; i < to; i++) {
      char c = s[i];
      int space = CharClass.of(c) & CharClass.SPACE;
      s[write] = space == 1 ? ' ' : c;
      write += 1 - (space & previousSpace);
      previousSpace = space;
    }
    return write;
  }
}

package io.feedpipe.streams.clean;

/**
 * Looks at a text node's characters once, so that the text builder and the HTML writer can each
 * copy the node in one piece when it needs nothing from them, which is what most text in a post
 * looks like: words and punctuation separated by single spaces.
 *
 * <p>This single pass replaces a whitespace pass and an escaping pass, and is what keeps the
 * cleaner's cost near that of the parse.
 */
final class TextScan {

  /** Holds {@code & < > NUL} or a no-break space: the HTML writer must escape it. */
  static final int NEEDS_ESCAPE = 1;

  /**
   * Holds whitespace other than single spaces (tabs, line breaks, runs of spaces, no-break or
   * other Unicode spaces, control characters): the text builder must collapse it.
   */
  static final int IRREGULAR_SPACE = 2;

  private TextScan() {}

  static int scan(char[] s, int from, int to) {
    int flags = 0;
    char previous = 'x';
    for (int i = from; i < to; i++) {
      char c = s[i];
      if (c <= '>') {
        if (c == ' ') {
          if (previous == ' ') {
            flags |= IRREGULAR_SPACE;
          }
        } else if (c < ' ') {
          flags |= IRREGULAR_SPACE | (c == 0 ? NEEDS_ESCAPE : 0);
        } else if (c == '&' || c == '<' || c == '>') {
          flags |= NEEDS_ESCAPE;
        }
      } else if (c >= '\u00A0' && Whitespace.isWhitespace(c)) {
        flags |= IRREGULAR_SPACE | (c == '\u00A0' ? NEEDS_ESCAPE : 0);
      }
      previous = c;
    }
    return flags;
  }
}

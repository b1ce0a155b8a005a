package io.feedpipe.streams.clean;

/**
 * What each UTF-16 code unit is, as far as cleaning cares, and what it becomes in plain text: one
 * {@code int} per code unit in a 256 KB table built once.
 *
 * <p>Why a table: the per-character loops (collapsing whitespace and counting words while copying
 * text, finding characters to escape in HTML) run over every character of every post. Written as
 * tests and branches they cost as much as the whole Jsoup parse: a space or a word boundary every
 * few characters defeats branch prediction. One table load per character, and bit arithmetic on the
 * entry, keep those loops short and branch-free.
 */
final class CharClass {

  /**
   * Whitespace of any kind: HTML's, no-break and other Unicode spaces, and every control character
   * (C0, DEL, C1) and noncharacter U+FFFE/U+FFFF, which plain text writes as a space.
   */
  static final int SPACE = 1;

  /** A letter or digit. */
  static final int WORD = 1 << 1;

  /** A combining mark: continues a word, never starts one. */
  static final int MARK = 1 << 2;

  /** Whitespace other than a plain space. */
  static final int IRREGULAR_SPACE = 1 << 3;

  /**
   * Must be escaped in HTML text: {@code & < >} and the no-break space (kept visible); control
   * characters other than tab, newline and carriage return, and U+FFFE/U+FFFF, which the HTML
   * writer drops (they are not allowed in HTML text, and a downstream store may refuse them).
   */
  static final int ESCAPE = 1 << 4;

  /** Half of a surrogate pair: the code point decides, so it is looked at separately. */
  static final int SURROGATE = 1 << 5;

  static final int WORD_SHIFT = 1;

  /** The entry's top 16 bits: the character as plain text writes it (whitespace as ' '). */
  static final int TEXT_CHAR_SHIFT = 16;

  private static final int[] TABLE = new int[65536];

  static {
    for (int c = 0; c < TABLE.length; c++) {
      int bits = classify(c);
      char asText = (bits & SPACE) != 0 ? ' ' : (char) c;
      TABLE[c] = (asText << TEXT_CHAR_SHIFT) | bits;
    }
  }

  private CharClass() {}

  /**
   * The entry of a code unit: class bits, and its plain-text form above {@link #TEXT_CHAR_SHIFT}.
   */
  static int of(char c) {
    return TABLE[c];
  }

  /** The class bits of a supplementary code point (letters of historic scripts, CJK, math). */
  static int ofCodePoint(int codePoint) {
    return classify(codePoint) & (WORD | MARK);
  }

  private static int classify(int c) {
    int bits = 0;
    boolean unwanted = isUnwantedControl(c);
    if (c <= ' ' || c == '\u00A0' || Character.isSpaceChar(c) || unwanted) {
      bits |= SPACE;
      if (c != ' ') {
        bits |= IRREGULAR_SPACE;
      }
    }
    if (Character.isLetterOrDigit(c)) {
      bits |= WORD;
    }
    int type = Character.getType(c);
    if (type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK) {
      bits |= MARK;
    }
    if (c == '&' || c == '<' || c == '>' || c == '\u00A0' || unwanted) {
      bits |= ESCAPE;
    }
    if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
      bits |= SURROGATE;
    }
    return bits;
  }

  /** A control character other than tab, newline and carriage return, or a noncharacter of the BMP's end. */
  private static boolean isUnwantedControl(int c) {
    return (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
  }
}

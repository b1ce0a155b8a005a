package io.feedpipe.streams.clean;

/**
 * Counts words as maximal runs of Unicode letters or digits, so that punctuation, list markers'
 * dots and math symbols never count and every script counts the same way.
 *
 * <p>Combining marks continue a run: the vowel signs of Devanagari or Thai are marks, not letters,
 * and would otherwise split a single word into several.
 */
final class WordCounter {

  private WordCounter() {}

  static int count(String text) {
    char[] chars = text.toCharArray();
    return count(chars, 0, chars.length);
  }

  static int count(char[] text, int from, int to) {
    int words = 0;
    boolean inWord = false;
    for (int i = from; i < to; i++) {
      char c = text[i];
      boolean wordChar;
      if (c < 0x80) {
        // ASCII fast path: feed text is mostly ASCII.
        wordChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      } else {
        int cp = c;
        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text[i + 1])) {
          cp = Character.toCodePoint(c, text[++i]);
        }
        wordChar = Character.isLetterOrDigit(cp) || (inWord && isCombiningMark(cp));
      }
      if (wordChar && !inWord) {
        words++;
      }
      inWord = wordChar;
    }
    return words;
  }

  private static boolean isCombiningMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }
}

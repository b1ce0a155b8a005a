package io.feedpipe.streams.clean;

/**
 * Counts words as maximal runs of Unicode letters or digits, so that punctuation, list markers'
 * dots and math symbols never count and every script counts the same way.
 *
 * <p>Combining marks continue a run: the vowel signs of Devanagari or Thai are marks, not letters,
 * and would otherwise split a single word into several.
 *
 * <p>This is the definition of CleanPost's {@code wordCount}: anything that needs a word count
 * comparable to it (the {@code words} routing condition on a post read from a file) uses it.
 */
public final class WordCounter {

  private WordCounter() {}

  /** The words in {@code text}. */
  public static int count(String text) {
    char[] chars = text.toCharArray();
    return count(chars, 0, chars.length);
  }

  static int count(char[] text, int from, int to) {
    int words = 0;
    int inWord = 0;
    for (int i = from; i < to; i++) {
      int bits = CharClass.of(text[i]);
      if ((bits & CharClass.SURROGATE) != 0
          && i + 1 < to
          && Character.isSurrogatePair(text[i], text[i + 1])) {
        bits = CharClass.ofCodePoint(Character.toCodePoint(text[i], text[i + 1]));
        i++;
      }
      int word = (bits & CharClass.MARK) != 0 ? inWord : (bits >> CharClass.WORD_SHIFT) & 1;
      words += word & ~inWord;
      inWord = word;
    }
    return words;
  }
}

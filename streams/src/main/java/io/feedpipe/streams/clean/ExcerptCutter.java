package io.feedpipe.streams.clean;

import java.util.BitSet;

/**
 * Cuts the start of a text into a one-line excerpt of bounded length.
 *
 * <p>A preview reads best when it ends where a sentence does, so a sentence end is preferred when
 * one falls in the second half of the allowance; otherwise the cut is at the last word boundary, so
 * no word is broken. Only a single word longer than the whole allowance is cut inside.
 */
final class ExcerptCutter {

  static final String ELLIPSIS = "…";

  private ExcerptCutter() {}

  /** At most {@code maxChars} characters of {@code text} on one line, plus "…" if cut. */
  static String cut(String text, int maxChars) {
    // One character past the allowance tells whether the text goes on, and where the last word
    // ends.
    Flattened flat = Flattened.of(text, maxChars + 1);
    String s = flat.text;
    if (s.length() <= maxChars) {
      return s;
    }
    int limit = maxChars;
    if (Character.isHighSurrogate(s.charAt(limit - 1))) {
      limit--; // never split a surrogate pair
    }
    int sentenceEnd = lastSentenceEnd(flat, maxChars / 2, limit);
    if (sentenceEnd > 0) {
      return s.substring(0, sentenceEnd) + " " + ELLIPSIS;
    }
    // s.charAt(limit) exists because s is longer than maxChars: a space there means the whole
    // window is made of complete words.
    int space = s.charAt(limit) == ' ' ? limit : s.lastIndexOf(' ', limit - 1);
    int end = space > 0 ? space : limit;
    while (end > 0 && isDanglingPunctuation(s.charAt(end - 1))) {
      end--; // "word,…" reads worse than "word…"
    }
    return s.substring(0, end > 0 ? end : limit) + ELLIPSIS;
  }

  /**
   * The index just past the last sentence end within {@code (from, limit]}: a ".", "!", "?" or "…",
   * possibly followed by closing quotes or brackets, and then a space. -1 when none.
   */
  private static int lastSentenceEnd(Flattened flat, int from, int limit) {
    String s = flat.text;
    for (int end = limit; end > from; end--) {
      if (s.charAt(end) != ' ') {
        continue;
      }
      int i = end - 1;
      while (i > 0 && isCloser(s.charAt(i))) {
        i--;
      }
      char c = s.charAt(i);
      if ((c == '.' || c == '!' || c == '?' || c == '…')
          && !isAbbreviation(s, i)
          && !isListNumber(flat, i)) {
        return end;
      }
    }
    return -1;
  }

  /** "e.g." and "U.S." end in a period without ending a sentence. */
  private static boolean isAbbreviation(String s, int period) {
    return s.charAt(period) == '.' && period >= 2 && s.charAt(period - 2) == '.';
  }

  /** The "2." that started a line of an ordered list is not the end of the sentence before it. */
  private static boolean isListNumber(Flattened flat, int period) {
    int start = period;
    while (start > 0 && Character.isDigit(flat.text.charAt(start - 1))) {
      start--;
    }
    return start < period && flat.lineStarts.get(start);
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']' || c == '»';
  }

  private static boolean isDanglingPunctuation(char c) {
    return c == ',' || c == ';' || c == ':' || c == '-' || c == '–' || c == '—' || c == ' ';
  }

  /** The start of the text on one line, remembering where its lines started. */
  private record Flattened(String text, BitSet lineStarts) {

    /** At most {@code maxLength} characters: an excerpt has no use for the rest of the text. */
    static Flattened of(String text, int maxLength) {
      char[] flat = new char[Math.min(text.length(), maxLength)];
      BitSet lineStarts = new BitSet(flat.length);
      lineStarts.set(0);
      int length = 0;
      boolean space = false;
      boolean newLine = false;
      for (int i = 0, n = text.length(); i < n && length < flat.length; i++) {
        char c = text.charAt(i);
        if (Whitespace.isWhitespace(c)) {
          space = length > 0;
          newLine |= c == '\n';
        } else {
          if (space) {
            flat[length++] = ' ';
            space = false;
            if (length == flat.length) {
              break;
            }
          }
          if (newLine) {
            lineStarts.set(length);
            newLine = false;
          }
          flat[length++] = c;
        }
      }
      return new Flattened(new String(flat, 0, length), lineStarts);
    }
  }
}

package io.feedpipe.streams.clean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares two texts word by word, punctuation and layout aside: words are maximal runs of letters
 * or digits, and similarity is 2·M/(|a|+|b|) with M the length of the longest common subsequence of
 * the two word sequences (1.0 for identical word sequences).
 */
final class WordSimilarity {

  /** Letters and decimal digits: the cleaner's own definition of a word character. */
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{Nd}]+");

  private WordSimilarity() {}

  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  static double similarity(String a, String b) {
    List<String> wa = words(a);
    List<String> wb = words(b);
    if (wa.isEmpty() && wb.isEmpty()) {
      return 1.0;
    }
    return 2.0 * lcsLength(wa, wb) / (wa.size() + wb.size());
  }

  /** Classic O(n·m) dynamic programme over int-coded words, two rows at a time. */
  static int lcsLength(List<String> a, List<String> b) {
    Map<String, Integer> codes = new HashMap<>();
    int[] x = encode(a, codes);
    int[] y = encode(b, codes);
    int[] previous = new int[y.length + 1];
    int[] current = new int[y.length + 1];
    for (int i = 1; i <= x.length; i++) {
      for (int j = 1; j <= y.length; j++) {
        current[j] =
            x[i - 1] == y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length];
  }

  private static int[] encode(List<String> words, Map<String, Integer> codes) {
    int[] encoded = new int[words.size()];
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = codes.computeIfAbsent(words.get(i), w -> codes.size());
    }
    return encoded;
  }
}

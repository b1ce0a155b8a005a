package io.feedpipe.web.it;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Dice similarity of two texts' word multisets (1.0: the same words, as often). */
final class TextSimilarity {
  private TextSimilarity() {}

  static double of(String a, String b) {
    Map<String, Integer> left = words(a);
    Map<String, Integer> right = words(b);
    int total = left.values().stream().mapToInt(Integer::intValue).sum() + right.values().stream().mapToInt(Integer::intValue).sum();
    if (total == 0) {
      return 1.0;
    }
    int common = 0;
    for (Map.Entry<String, Integer> e : left.entrySet()) {
      common += Math.min(e.getValue(), right.getOrDefault(e.getKey(), 0));
    }
    return 2.0 * common / total;
  }

  private static Map<String, Integer> words(String text) {
    Map<String, Integer> counts = new HashMap<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        counts.merge(word, 1, Integer::sum);
      }
    }
    return counts;
  }
}

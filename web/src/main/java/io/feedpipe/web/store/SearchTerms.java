package io.feedpipe.web.store;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Words for the search index and for queries, made the same way: maximal runs of letters or digits,
 * lower-cased (root locale), 2 to 40 characters. A query matches the posts holding all its terms.
 */
public final class SearchTerms {
  /** Longer runs are not words a reader types (hashes, base64); they would only fill the index. */
  static final int MAX_TERM_LENGTH = 40;

  private SearchTerms() {}

  /** The distinct terms of {@code text} in order of first appearance, at most {@code limit} in all (added to {@code into}). */
  public static void addTo(Set<String> into, String text, int limit) {
    if (text == null) {
      return;
    }
    int start = -1;
    for (int i = 0; i <= text.length() && into.size() < limit; ) {
      int cp = i < text.length() ? text.codePointAt(i) : ' ';
      boolean word = i < text.length() && Character.isLetterOrDigit(cp);
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        int length = i - start;
        if (length >= 2 && length <= MAX_TERM_LENGTH) {
          into.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        }
        start = -1;
      }
      i += i < text.length() ? Character.charCount(cp) : 1;
    }
  }

  /** The terms of a query, as the index holds them. */
  public static Set<String> of(String query) {
    Set<String> terms = new LinkedHashSet<>();
    addTo(terms, query, 16);
    return terms;
  }
}

package io.feedpipe.web.store;

/**
 * The key layout of the web store. Everything lives in one ordered key-value store, so one range
 * scan answers each listing in the order the page wants:
 *
 * <pre>
 *   p␁&lt;postId&gt;                       → the post (CleanPost, single-object Avro)
 *   t␁&lt;age&gt;␁&lt;postId&gt;                 → (empty)  all posts, newest first
 *   f␁&lt;feedId&gt;␁&lt;age&gt;␁&lt;postId&gt;       → (empty)  one feed's posts, newest first
 *   w␁&lt;term&gt;␁&lt;age&gt;␁&lt;postId&gt;         → (empty)  posts containing a search term, newest first
 *   n␁&lt;feedId&gt;                       → number of posts held of the feed
 *   c                                → number of posts held
 * </pre>
 *
 * <p>{@code age} is {@code Long.MAX_VALUE - time} as 16 hex digits: ascending keys are descending
 * times. ␁ (U+0001) separates parts; ids have control characters replaced, so a part never holds
 * it and a prefix ending in ␁ matches exactly one feed or term.
 */
public final class IndexKeys {
  public static final char SEP = '\u0001';
  static final String POST = "p" + SEP;
  static final String TIME = "t" + SEP;
  static final String FEED = "f" + SEP;
  static final String WORD = "w" + SEP;
  static final String FEED_COUNT = "n" + SEP;
  static final String COUNT = "c";

  private IndexKeys() {}

  /** An id usable as one key part: control characters (the separator among them) become '_'. */
  public static String part(String id) {
    StringBuilder out = null;
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < 0x20) {
        if (out == null) {
          out = new StringBuilder(id);
        }
        out.setCharAt(i, '_');
      }
    }
    return out == null ? id : out.toString();
  }

  /** {@code <age>␁<postId>}: sorts newest first; times before 1970 count as 1970. */
  public static String order(long epochMillis, String postId) {
    String age = Long.toHexString(Long.MAX_VALUE - Math.max(0, epochMillis));
    return "0".repeat(16 - age.length()) + age + SEP + part(postId);
  }

  static String post(String postId) {
    return POST + part(postId);
  }

  static String time(String order) {
    return TIME + order;
  }

  static String feedPrefix(String feedId) {
    return FEED + part(feedId) + SEP;
  }

  static String wordPrefix(String term) {
    return WORD + term + SEP;
  }

  static String feedCount(String feedId) {
    return FEED_COUNT + part(feedId);
  }

  /** The post id at the end of an index key. */
  static String postIdOf(String indexKey) {
    return indexKey.substring(indexKey.lastIndexOf(SEP) + 1);
  }

  /** The order part ({@code <age>␁<postId>}) at the end of an index key. */
  static String orderOf(String indexKey) {
    int last = indexKey.lastIndexOf(SEP);
    return indexKey.substring(indexKey.lastIndexOf(SEP, last - 1) + 1);
  }

  /** The smallest string above every key that starts with {@code prefix} (which ends in ␁). */
  static String end(String prefix) {
    return prefix.substring(0, prefix.length() - 1) + (char) (SEP + 1);
  }
}

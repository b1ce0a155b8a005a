package io.feedpipe.streams.clean;

/**
 * The last word on the characters the cleaner hands out: unpaired surrogates become U+FFFD, and
 * control characters other than tab, newline and carriage return (and U+FFFE/U+FFFF) are dropped
 * from HTML and become a space in text (so that the words on either side stay apart, as the word
 * count saw them).
 *
 * <p>Why after cleaning and not only before: character references decode to anything ({@code
 * &#xD800;}, {@code &#127;}), and preformatted text is copied as it is. Why at all: a string with an
 * unpaired surrogate has no UTF-8 form (Avro writes '?', a browser U+FFFD), and PostgreSQL refuses
 * NUL in text columns, failing a downstream batch. The producer repairs feed values at the
 * boundary; this covers what decoding creates and records written to posts.raw by others.
 *
 * <p>One read-only pass over each output; a copy only when something has to change.
 */
final class SafeChars {
  private SafeChars() {}

  /** Text: {@code s} itself when it has nothing to repair (the common case), else a repaired copy. */
  static String text(String s) {
    return of(s, true);
  }

  /** HTML: {@code s} itself when it has nothing to repair (the common case), else a repaired copy. */
  static String html(String s) {
    return of(s, false);
  }

  private static String of(String s, boolean asSpace) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < ' ' || (c >= '\u007F' && (c <= '\u009F' || Character.isSurrogate(c) || c >= '\uFFFE'))) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else if (c != '\t' && c != '\n' && c != '\r') {
          return repaired(s, i, asSpace);
        }
      }
    }
    return s;
  }

  private static String repaired(String s, int firstBad, boolean asSpace) {
    int n = s.length();
    StringBuilder sb = new StringBuilder(n).append(s, 0, firstBad);
    for (int i = firstBad; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append('\uFFFD');
      } else if (!isDropped(c)) {
        sb.append(c);
      } else if (asSpace) {
        sb.append(' ');
      }
    }
    return sb.toString();
  }

  private static boolean isDropped(char c) {
    return (c < ' ' && c != '\t' && c != '\n' && c != '\r') || (c >= '\u007F' && c <= '\u009F') || c >= '\uFFFE';
  }
}

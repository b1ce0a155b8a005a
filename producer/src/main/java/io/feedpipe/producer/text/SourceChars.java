package io.feedpipe.producer.text;

import java.util.Arrays;

/**
 * The char arrays this thread made its long strings from, kept while one feed is polled, so that
 * the later stages of the poll (the value repair's scan, the Avro encoding) read a string's
 * characters from its array instead of copying them out of the string again.
 *
 * <p>Why: a post's HTML is a string of tens of thousands of chars, nearly always beyond Latin-1 (a
 * curly quote is enough), and a one-shot run (C1 only) pays about a nanosecond a char for each copy
 * out of such a string ({@code toCharArray}, {@code getChars}); the text between two tags is in a
 * char array anyway when the XML reader makes its string (docs/results.md).
 *
 * <p>A string is found only as the very object made by {@link #adopt} on this thread ({@code ==}),
 * and its array is never written after, so the array's first {@code length()} chars are the
 * string's. A string not found (short, made elsewhere, from another thread, or pushed out by
 * newer ones) is read the usual way: every stage gives the same result either way. At most {@value
 * #CAPACITY} arrays are kept a thread, and none after {@link #release()}, called when a poll ends
 * and when the next document is read.
 */
public final class SourceChars {
  /** Shorter strings are not kept: copying them costs less than finding them. */
  public static final int MIN_LENGTH = 256;

  static final int CAPACITY = 64;

  private static final ThreadLocal<SourceChars> HELD = ThreadLocal.withInitial(SourceChars::new);

  private final String[] strings = new String[CAPACITY];
  private final char[][] arrays = new char[CAPACITY][];
  private int next;
  private int size;

  private SourceChars() {}

  /**
   * The string of {@code chars[0, length)}. From {@link #MIN_LENGTH} chars on, the array is kept
   * for {@link #of}: the caller hands it over and must not write to it again.
   */
  public static String adopt(char[] chars, int length) {
    String s = new String(chars, 0, length);
    if (length >= MIN_LENGTH) {
      HELD.get().put(s, chars);
    }
    return s;
  }

  /** Whether {@link #adopt} keeps an array of {@code length} chars (then the caller must not write to it again). */
  public static boolean keeps(int length) {
    return length >= MIN_LENGTH;
  }

  /**
   * The array {@code s} was made from on this thread (its first {@code s.length()} chars are {@code
   * s}'s; it may be longer), or null. The caller only reads it.
   */
  public static char[] of(String s) {
    if (s == null || s.length() < MIN_LENGTH) {
      return null;
    }
    return HELD.get().find(s);
  }

  /** Forgets the arrays this thread kept. */
  public static void release() {
    SourceChars held = HELD.get();
    if (held.size > 0) {
      held.clear();
    }
  }

  private void put(String s, char[] chars) {
    strings[next] = s;
    arrays[next] = chars;
    next = (next + 1) % CAPACITY;
    size = Math.min(size + 1, CAPACITY);
  }

  private char[] find(String s) {
    for (int i = 0; i < size; i++) {
      if (strings[i] == s) {
        return arrays[i];
      }
    }
    return null;
  }

  private void clear() {
    Arrays.fill(strings, null);
    Arrays.fill(arrays, null);
    next = 0;
    size = 0;
  }
}

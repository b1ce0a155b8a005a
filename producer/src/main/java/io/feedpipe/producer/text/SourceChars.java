package io.feedpipe.producer.text;

import java.util.Arrays;

/**
 * The char arrays this thread made its long strings from, kept while one feed is polled, so that
 * the later stages of the poll read a string's characters from its array instead of copying them
 * out of the string again: the value repair scans the array, and encodes it to UTF-8 in the same
 * pass ({@link #keepUtf8}), which the Kafka serializer then writes instead of encoding the string.
 *
 * <p>Why: a post's HTML is a string of tens of thousands of chars, nearly always beyond Latin-1 (a
 * curly quote is enough), and a one-shot run (C1 only) pays about a nanosecond a char for each copy
 * out of such a string ({@code toCharArray}, {@code getChars}); the text between two tags is in a
 * char array anyway when the XML reader makes its string (docs/results.md). A text read from a
 * CDATA section of a UTF-8 document may come with its UTF-8 form at once: the document's own bytes
 * of it ({@link #adoptVerbatim}), which the value repair then takes as they are.
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

  /** A scratch buffer larger than this is not kept past {@link #release()}. */
  private static final int MAX_KEPT_SCRATCH = 1 << 20;

  private final String[] strings = new String[CAPACITY];
  private final char[][] arrays = new char[CAPACITY][];
  private final byte[][] utf8 = new byte[CAPACITY][];
  private byte[] scratch = new byte[0];
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
      HELD.get().put(s, chars, null);
    }
    return s;
  }

  /**
   * The string of {@code chars[from, from + length)}, whose UTF-8 form, {@code utf8}, is kept from
   * the start ({@link #utf8}; from {@link #MIN_LENGTH} chars on): the document's own bytes of a text
   * that holds nothing multi-line value repair changes ({@link Utf8Source#verbatimUtf8}). No array
   * is kept for {@link #of}. The caller vouches that {@code utf8} is exactly the UTF-8 of those chars.
   */
  public static String adoptVerbatim(char[] chars, int from, int length, byte[] utf8) {
    String s = new String(chars, from, length);
    if (length >= MIN_LENGTH) {
      HELD.get().put(s, null, utf8);
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
    SourceChars held = HELD.get();
    int i = held.slotOf(s);
    return i < 0 ? null : held.arrays[i];
  }

  /**
   * Keeps the UTF-8 form of a string {@link #adopt} made (found by {@link #utf8}), so that its
   * encoding for Kafka does not encode it again, in place of its char array: {@link #of} no longer
   * finds that (less memory held while the poll's posts wait to be sent). Nothing is kept for a
   * string not found.
   */
  public static void keepUtf8(String s, byte[] bytes) {
    SourceChars held = HELD.get();
    int i = held.slotOf(s);
    if (i >= 0) {
      held.utf8[i] = bytes;
      held.arrays[i] = null;
    }
  }

  /**
   * The UTF-8 form of {@code s} kept on this thread, by {@link #keepUtf8} or {@link #adoptVerbatim},
   * or null. Either way {@code s} holds nothing multi-line value repair changes. The caller only
   * reads it.
   */
  public static byte[] utf8(String s) {
    SourceChars held = HELD.get();
    int i = held.slotOf(s);
    return i < 0 ? null : held.utf8[i];
  }

  /** This thread's scratch buffer, at least {@code size} bytes; its content is undefined. */
  public static byte[] scratch(int size) {
    SourceChars held = HELD.get();
    if (held.scratch.length < size) {
      held.scratch = new byte[Math.max(size, 2 * held.scratch.length)];
    }
    return held.scratch;
  }

  /** Forgets the arrays this thread kept. */
  public static void release() {
    SourceChars held = HELD.get();
    if (held.size > 0) {
      held.clear();
    }
    if (held.scratch.length > MAX_KEPT_SCRATCH) {
      held.scratch = new byte[0];
    }
  }

  private void put(String s, char[] chars, byte[] utf8) {
    strings[next] = s;
    arrays[next] = chars;
    this.utf8[next] = utf8;
    next = (next + 1) % CAPACITY;
    size = Math.min(size + 1, CAPACITY);
  }

  /** Where {@code s} is kept, or -1: a short string is never looked for (it is never kept). */
  private int slotOf(String s) {
    return s == null || s.length() < MIN_LENGTH ? -1 : indexOf(s);
  }

  private int indexOf(String s) {
    for (int i = 0; i < size; i++) {
      if (strings[i] == s) {
        return i;
      }
    }
    return -1;
  }

  private void clear() {
    Arrays.fill(strings, null);
    Arrays.fill(arrays, null);
    Arrays.fill(utf8, null);
    next = 0;
    size = 0;
  }
}

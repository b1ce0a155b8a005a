package io.feedpipe.streams.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The UTF-8 forms of the long strings this thread decoded or encoded lately, so that a string is
 * encoded to UTF-8 at most once on the stream thread: a post's HTML as read from posts.raw keeps the
 * bytes it was decoded from for its source hash, the cleaned text is encoded once for the content
 * and text hashes, the cleaned HTML once for the output hash, and the CleanPost's serializer writes
 * those bytes instead of encoding the two again.
 *
 * <p>Why: the stream thread encoded each long string two or three times a post, and a post's text
 * is almost never Latin-1 (a curly quote is enough), so each time took the JDK's slow per-char
 * path: about a fifth of the thread's CPU on LessWrong-shaped posts.
 *
 * <p>A string is found only as the very object kept ({@code ==}) on this thread, and a form is kept
 * only when it is byte for byte {@code s.getBytes(UTF_8)}; a string not found (short, made
 * elsewhere, pushed out by newer ones) is encoded as usual, to the same bytes. Callers only read the
 * arrays. What is held: at most {@value #CAPACITY} forms a thread, and at most {@value #MAX_BYTES}
 * bytes counting the strings kept alive with them (two bytes a char), the oldest dropped first. So
 * many because Kafka Streams decodes the next record of each of a thread's partitions before it
 * processes them: a post's decoded HTML waits while the thread processes a record or more of every
 * other partition, each keeping about four forms.
 */
public final class Utf8Forms {
  /** Shorter strings are not kept: encoding them costs less than finding them. */
  public static final int MIN_LENGTH = 256;

  static final int CAPACITY = 64;

  /** Most bytes of forms (and of the strings they keep alive) held per thread. */
  public static final int MAX_BYTES = 8 << 20;

  private static final ThreadLocal<Utf8Forms> HELD = ThreadLocal.withInitial(Utf8Forms::new);

  private final String[] strings = new String[CAPACITY];
  private final byte[][] forms = new byte[CAPACITY][];
  /** What each slot holds: its form's bytes and two bytes a char of its string. */
  private final long[] costs = new long[CAPACITY];
  /** The slot written next: the oldest. */
  private int next;
  private long bytes;

  private Utf8Forms() {}

  /** {@code s.getBytes(UTF_8)}: the form kept on this thread if there is one, else encoded now (and kept if long). */
  public static byte[] encode(String s) {
    if (s.length() < MIN_LENGTH) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    Utf8Forms held = HELD.get();
    byte[] kept = held.find(s);
    if (kept != null) {
      return kept;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    held.put(s, utf8);
    return utf8;
  }

  /** The UTF-8 form of {@code s} kept on this thread, or null. */
  static byte[] kept(String s) {
    if (s == null || s.length() < MIN_LENGTH) {
      return null;
    }
    return HELD.get().find(s);
  }

  /**
   * Keeps {@code utf8} as the form of {@code s} (if long) for this thread; the caller vouches that it
   * is {@code s.getBytes(UTF_8)} and does not write to it again.
   */
  static void keep(String s, byte[] utf8) {
    if (s.length() >= MIN_LENGTH) {
      HELD.get().put(s, utf8);
    }
  }

  /** Forgets every form this thread kept (tests). */
  static void forget() {
    Utf8Forms held = HELD.get();
    Arrays.fill(held.strings, null);
    Arrays.fill(held.forms, null);
    Arrays.fill(held.costs, 0);
    held.bytes = 0;
    held.next = 0;
  }

  private byte[] find(String s) {
    // Newest first: the forms asked for are mostly those of the record at hand.
    for (int k = 1; k <= CAPACITY; k++) {
      int i = (next - k + CAPACITY) % CAPACITY;
      if (strings[i] == s) {
        return forms[i];
      }
    }
    return null;
  }

  private void put(String s, byte[] utf8) {
    long cost = utf8.length + 2L * s.length();
    if (cost > MAX_BYTES) {
      return;
    }
    evict(next);
    strings[next] = s;
    forms[next] = utf8;
    costs[next] = cost;
    bytes += cost;
    next = (next + 1) % CAPACITY;
    for (int i = next; bytes > MAX_BYTES; i = (i + 1) % CAPACITY) {
      evict(i); // oldest first; the form just kept is the last slot reached, and fits alone
    }
  }

  private void evict(int i) {
    bytes -= costs[i];
    costs[i] = 0;
    strings[i] = null;
    forms[i] = null;
  }
}

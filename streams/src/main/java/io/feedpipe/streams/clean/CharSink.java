package io.feedpipe.streams.clean;

import java.util.Arrays;

/**
 * A growable char array that text and HTML are written into.
 *
 * <p>Not a {@link StringBuilder}: on Java 17, once a builder holds a non-Latin-1 character (any
 * curly quote) appending a range of a Latin-1 string goes character by character with a bounds
 * check each, which made writing the output cost more than parsing the input. Plain char arrays and
 * {@link System#arraycopy} keep every copy a bulk copy.
 */
final class CharSink {

  private char[] chars;
  private int length;

  CharSink(int initialCapacity) {
    chars = new char[Math.max(16, initialCapacity)];
  }

  void append(char c) {
    if (length == chars.length) {
      grow(1);
    }
    chars[length++] = c;
  }

  void append(String s) {
    int n = s.length();
    ensure(n);
    s.getChars(0, n, chars, length);
    length += n;
  }

  void append(String s, int from, int to) {
    int n = to - from;
    ensure(n);
    s.getChars(from, to, chars, length);
    length += n;
  }

  void append(char[] source, int from, int to) {
    int n = to - from;
    ensure(n);
    System.arraycopy(source, from, chars, length, n);
    length += n;
  }

  void repeat(char c, int times) {
    ensure(times);
    Arrays.fill(chars, length, length + times, c);
    length += times;
  }

  int length() {
    return length;
  }

  int capacity() {
    return chars.length;
  }

  void clear() {
    length = 0;
  }

  /**
   * Room for {@code extra} more characters, for a caller that writes them straight into the
   * returned array from index {@link #length()} and then calls {@link #setLength}.
   */
  char[] reserve(int extra) {
    ensure(extra);
    return chars;
  }

  /** Whether the last character written is a high surrogate, waiting for its low half. */
  boolean endsInHighSurrogate() {
    return length > 0 && Character.isHighSurrogate(chars[length - 1]);
  }

  void setLength(int newLength) {
    length = newLength;
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }

  private void ensure(int extra) {
    if (length + extra > chars.length) {
      grow(extra);
    }
  }

  private void grow(int extra) {
    chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + extra));
  }
}

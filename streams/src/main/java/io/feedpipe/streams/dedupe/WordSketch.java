package io.feedpipe.streams.dedupe;

import java.util.Arrays;

/**
 * A bounded summary of a text's words from which the words added and removed by an edit are
 * computed, without keeping the text in the dedupe store.
 *
 * <p>Each word (a maximal run of letters or digits, as word counts define it; combining marks
 * continue a word) is hashed into one of {@value #BUCKETS} buckets, and the sketch holds the count
 * of each non-empty bucket. An edit's words added are the sum over buckets of the growth of each
 * count, its words removed the sum of the shrinkage. That is exact unless a word added and a word
 * removed fall into the same bucket, when the two cancel: for the few dozen words a typical edit
 * touches that is rare, and the figures are then slightly low, never high.
 *
 * <p>Size: a varint bucket gap and a varint count per non-empty bucket, so at most a few KB however
 * long the post (a 3,000-word post takes about 2 KB); the whole text would be 20 KB or more.
 */
public final class WordSketch {

  static final int BUCKETS = 2048;

  private WordSketch() {}

  /**
   * What each UTF-16 code unit is to a word: {@link #WORD} (a letter or digit), {@link #MARK} (a
   * combining mark, which continues a word), {@link #HIGH_SURROGATE} (looked up again by code point
   * with the next unit when that is its low surrogate; else neither), or 0. A table, because this
   * loop runs over every character of every new revision and {@code Character.isLetterOrDigit}/{@code
   * getType} per character made the sketch cost more than cleaning the post.
   */
  private static final byte[] CLASS = new byte[65536];

  private static final byte WORD = 1;
  private static final byte MARK = 2;
  private static final byte HIGH_SURROGATE = 3;

  static {
    for (int c = 0; c < CLASS.length; c++) {
      CLASS[c] = Character.isHighSurrogate((char) c) ? HIGH_SURROGATE : classOf(c);
    }
  }

  /**
   * This thread's arrays for a sketch: the count of each bucket (all zero between two sketches) and
   * the sketch being written. Why: a new revision's sketch allocated both anew (28 KB) on the stream
   * thread. Reading the text from a char array ({@code getChars}) instead of {@code charAt} was
   * measured too and was no faster: the loop's cost is its per-char work, not the string's accessor.
   */
  private static final class Scratch {
    final int[] counts = new int[BUCKETS];
    final byte[] sketch = new byte[BUCKETS * 10];
    /** Whether a sketch was left unfinished (an error thrown midway), its counts not zeroed. */
    boolean dirty;
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** The sketch of a plain text. */
  public static byte[] of(String text) {
    Scratch scratch = SCRATCH.get();
    int[] counts = scratch.counts;
    if (scratch.dirty) {
      Arrays.fill(counts, 0);
    }
    scratch.dirty = true;
    int hash = 0;
    boolean inWord = false;
    int n = text.length();
    for (int i = 0; i < n; ) {
      int cp = text.charAt(i++);
      int cls = CLASS[cp];
      if (cls == HIGH_SURROGATE) {
        if (i < n && Character.isLowSurrogate(text.charAt(i))) {
          cp = Character.toCodePoint((char) cp, text.charAt(i++));
          cls = classOf(cp);
        } else {
          cls = 0; // a lone surrogate is no part of a word
        }
      }
      if (cls == WORD || (inWord && cls == MARK)) {
        if (!inWord) {
          hash = 0x811C9DC5; // FNV-1a
          inWord = true;
        }
        hash = (hash ^ cp) * 0x01000193;
      } else if (inWord) {
        counts[bucket(hash)]++;
        inWord = false;
      }
    }
    if (inWord) {
      counts[bucket(hash)]++;
    }
    byte[] sketch = encode(counts, scratch.sketch);
    scratch.dirty = false;
    return sketch;
  }

  /** Words added and removed from {@code before} to {@code after}. */
  public static Diff diff(byte[] before, byte[] after) {
    int[] a = decode(before);
    int[] b = decode(after);
    int added = 0;
    int removed = 0;
    for (int i = 0; i < BUCKETS; i++) {
      int d = b[i] - a[i];
      if (d > 0) {
        added += d;
      } else {
        removed -= d;
      }
    }
    return new Diff(added, removed);
  }

  /** What an edit did to the words of a text. */
  public record Diff(int added, int removed) {}

  private static int bucket(int hash) {
    return (hash ^ (hash >>> 16)) & (BUCKETS - 1);
  }

  private static byte classOf(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return WORD;
    }
    int type = Character.getType(cp);
    boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    return mark ? MARK : 0;
  }

  /** Two varints of at most 5 bytes per bucket, written to {@code out}; leaves {@code counts} all zero. */
  private static byte[] encode(int[] counts, byte[] out) {
    int length = 0;
    int previous = -1;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        length = writeVarint(out, length, i - previous - 1);
        length = writeVarint(out, length, counts[i]);
        counts[i] = 0;
        previous = i;
      }
    }
    return Arrays.copyOf(out, length);
  }

  static int[] decode(byte[] sketch) {
    int[] counts = new int[BUCKETS];
    int[] pos = {0};
    int bucket = -1;
    while (pos[0] < sketch.length) {
      bucket += readVarint(sketch, pos) + 1;
      int count = readVarint(sketch, pos);
      if (bucket < 0 || bucket >= BUCKETS) {
        throw new IllegalArgumentException("corrupt word sketch: bucket " + bucket);
      }
      counts[bucket] = count;
    }
    return counts;
  }

  /** Writes {@code value} at {@code out[at]}; returns the index after it. */
  private static int writeVarint(byte[] out, int at, int value) {
    while ((value & ~0x7F) != 0) {
      out[at++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[at++] = (byte) value;
    return at;
  }

  private static int readVarint(byte[] in, int[] pos) {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos[0] >= in.length) {
        throw new IllegalArgumentException("corrupt word sketch: truncated");
      }
      int b = in[pos[0]++];
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("corrupt word sketch: varint too long");
  }
}

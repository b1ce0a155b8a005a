package io.feedpipe.producer.text;

import java.util.Arrays;

/**
 * A UTF-8 document decoded strictly, which can still hand out the document's own bytes for a span
 * of its characters: a post's HTML read from a CDATA section is then sent to Kafka as the very bytes
 * the feed served, instead of being checked and encoded to UTF-8 again character by character (the
 * largest single cost of a poll thread after the decode itself; docs/results.md).
 *
 * <p>The one decoding pass records what that needs: the character and byte offsets of the start of
 * every block of about {@value #BLOCK} bytes, so a character index is turned into a byte offset
 * with a short walk, and the
 * characters the value repair would change (C0 and C1 controls other than tab and newline,
 * noncharacters) or that an XML reader reads differently (a carriage return, which it turns into a
 * line feed). A span holding any of those is not handed out: its text goes the usual way.
 *
 * <p>Decoding is as strict as the JDK's UTF-8 decoder reporting malformed input (no overlong
 * forms, no encoded surrogates, nothing above U+10FFFF, no truncated sequence); {@link #decode}
 * answers null where that decoder would fail. Pure; one instance per document, read by one thread.
 */
public final class Utf8Source {
  /** Bytes between two recorded offsets: a span's ends are found within a walk of about this many bytes. */
  static final int BLOCK = 256;

  private final byte[] bytes;
  private final char[] chars;
  private final int length;

  /**
   * {@code blockByte[j]}: where character {@code blockChar[j]} starts; blocks are {@value #BLOCK}
   * bytes or a few more (a block ends on a whole character), both ascending; the last entry is the
   * end.
   */
  private final int[] blockByte;

  private final int[] blockChar;
  private final int blockCount;

  /** Indices of the characters a span must not hold, ascending. */
  private final int[] suspects;

  private final int suspectCount;

  private Utf8Source(byte[] bytes, char[] chars, int length, int[] blockByte, int[] blockChar, int blockCount, int[] suspects,
      int suspectCount) {
    this.bytes = bytes;
    this.chars = chars;
    this.length = length;
    this.blockByte = blockByte;
    this.blockChar = blockChar;
    this.blockCount = blockCount;
    this.suspects = suspects;
    this.suspectCount = suspectCount;
  }

  /** The characters; the first {@link #length()} are the document's. The caller only reads them. */
  public char[] chars() {
    return chars;
  }

  public int length() {
    return length;
  }

  /**
   * Decodes {@code bytes[offset, bytes.length)}, or answers null when they are not valid UTF-8.
   *
   * <p>One loop over the bytes, its ASCII branch first: written out for C1, the compiler of a
   * one-shot run, which does not have the JDK decoder's intrinsics and ran its ASCII prefix loop
   * and then its main loop over the same bytes.
   */
  public static Utf8Source decode(byte[] bytes, int offset) {
    int end = bytes.length;
    char[] out = new char[end - offset];
    int[] blockByte = new int[(end - offset) / BLOCK + 2];
    int[] blockChar = new int[blockByte.length];
    Suspects suspects = new Suspects();
    int blocks = 0;
    int o = 0;
    int i = offset;
    int nextBlock = offset;
    while (i < end) {
      if (i >= nextBlock) {
        blockByte[blocks] = i;
        blockChar[blocks] = o;
        blocks++;
        nextBlock = i + BLOCK;
      }
      // Printable ASCII (nearly every byte) in a loop of its own, one unsigned comparison a byte:
      // small enough for C1 to keep its variables in registers. Everything else in a method of its
      // own (with it inline, the loop ran at about half the speed).
      int stop = Math.min(end, nextBlock);
      int shift = o - i;
      for (int b; i < stop && (char) ((b = bytes[i]) - 0x20) < 0x7F - 0x20; i++) {
        out[i + shift] = (char) b;
      }
      o = i + shift;
      if (i < stop) {
        int next = decodeOther(bytes, i, out, o, suspects);
        if (next < 0) {
          return null;
        }
        o += next - i == 4 ? 2 : 1;
        i = next; // may pass the block's end by up to 3 bytes: the next block starts where this character ends
      }
    }
    blockByte[blocks] = end;
    blockChar[blocks] = o;
    return new Utf8Source(bytes, out, o, blockByte, blockChar, blocks + 1, suspects.indices, suspects.count);
  }

  /** Characters a span must not hold, by index, ascending. */
  private static final class Suspects {
    int[] indices = new int[8];
    int count;

    void add(int index) {
      if (count == indices.length) {
        indices = Arrays.copyOf(indices, 2 * count);
      }
      indices[count++] = index;
    }
  }

  /**
   * Decodes the character starting at {@code bytes[i]} (anything but printable ASCII) into {@code
   * out[o]} (and {@code out[o + 1]} for a pair), noting it when suspect. Returns where the next
   * character starts, or -1 when the bytes are not valid UTF-8 there.
   */
  private static int decodeOther(byte[] bytes, int i, char[] out, int o, Suspects suspects) {
    int end = bytes.length;
    int b = bytes[i];
    int cp;
    int width;
    if (b >= 0) {
      cp = b;
      width = 1;
    } else if (b >= (byte) 0xC2 && b <= (byte) 0xDF) {
      if (i + 1 >= end || !continuation(bytes[i + 1])) {
        return -1;
      }
      cp = ((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F);
      width = 2;
    } else if (b >= (byte) 0xE0 && b <= (byte) 0xEF) {
      if (i + 2 >= end || !continuation(bytes[i + 1]) || !continuation(bytes[i + 2])) {
        return -1;
      }
      cp = ((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F);
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return -1; // overlong, or an encoded surrogate
      }
      width = 3;
    } else if (b >= (byte) 0xF0 && b <= (byte) 0xF4) {
      if (i + 3 >= end || !continuation(bytes[i + 1]) || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
        return -1;
      }
      cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F);
      if (cp < 0x10000 || cp > 0x10FFFF) {
        return -1; // overlong, or beyond Unicode
      }
      width = 4;
    } else {
      return -1; // a continuation byte without a lead, an overlong lead (C0, C1) or F5..FF
    }
    if (isSuspect(cp)) {
      suspects.add(o);
    }
    if (width == 4) {
      out[o] = Character.highSurrogate(cp);
      out[o + 1] = Character.lowSurrogate(cp);
    } else {
      out[o] = (char) cp;
    }
    return i + width;
  }

  /**
   * The document's bytes of characters {@code [from, to)}, copied, or null when the span holds a
   * character the value repair would change or an XML reader reads differently (see above). The
   * span must start and end on whole characters (not inside a surrogate pair).
   */
  public byte[] verbatimUtf8(int from, int to) {
    if (from < 0 || to > length || from > to || holdsSuspect(from, to)
        || (from < to && (Character.isLowSurrogate(chars[from]) || Character.isHighSurrogate(chars[to - 1])))) {
      return null;
    }
    return Arrays.copyOfRange(bytes, byteOffset(from), byteOffset(to));
  }

  /** Whether the characters are those of {@code [from, to)}: for a caller that checks its own arithmetic. */
  public boolean regionMatches(int from, String s) {
    if (from < 0 || from + s.length() > length) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (chars[from + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private boolean holdsSuspect(int from, int to) {
    int k = Arrays.binarySearch(suspects, 0, suspectCount, from);
    int first = k >= 0 ? k : -k - 1; // the first suspect at or after from
    return first < suspectCount && suspects[first] < to;
  }

  /** Where character {@code index} starts in the bytes: from the start of its block, a walk over at most a block. */
  private int byteOffset(int index) {
    int j = Arrays.binarySearch(blockChar, 0, blockCount, index);
    if (j < 0) {
      j = -j - 2; // the last block starting before the character
    }
    int i = blockByte[j];
    for (int c = blockChar[j]; c < index; ) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        i++;
        c++;
      } else if (b < 0xE0) {
        i += 2;
        c++;
      } else if (b < 0xF0) {
        i += 3;
        c++;
      } else {
        i += 4;
        c += 2; // a surrogate pair
      }
    }
    return i;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /**
   * What a span must not hold: what the value repair changes in multi-line text (C0 controls but
   * tab and newline, DEL and C1 controls, noncharacters), and a carriage return, which an XML reader
   * turns into a newline.
   */
  private static boolean isSuspect(int cp) {
    return (cp < 0x20 && cp != '\t' && cp != '\n')
        || (cp >= 0x7F && cp <= 0x9F)
        || (cp >= 0xFDD0 && cp <= 0xFDEF)
        || (cp & 0xFFFE) == 0xFFFE;
  }
}

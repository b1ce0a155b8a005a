package io.feedpipe.streams.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sketches are stored in the dedupe store and compared with the next revision's: the table-driven
 * {@link WordSketch#of} must give byte for byte what the first release's straightforward version
 * (kept here as the reference) gave.
 */
class WordSketchCompatibilityTest {

  @Test
  void sameSketchAsTheReferenceOverMixedScriptsMarksAndSurrogates() {
    String alphabet = "abcXYZ019 ,.;—’“”\n\t\u00A0éü中文한글हिन्दी\u0301\u0308𝑥𝑦😀\uD800x\uDC00";
    Random random = new Random(42);
    for (int sample = 0; sample < 2_000; sample++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(400);
      for (int i = 0; i < length; i++) {
        int at = random.nextInt(alphabet.length());
        text.append(alphabet.charAt(at));
      }
      String s = text.toString();
      assertThat(WordSketch.of(s)).as(s).isEqualTo(reference(s));
    }
    String prose = "The quick brown fox — naïve café, 3.14 and 𝑥₁ — jumps. ".repeat(300);
    assertThat(WordSketch.of(prose)).isEqualTo(reference(prose));
  }

  /** The first release's algorithm, unchanged. */
  private static byte[] reference(String text) {
    int[] counts = new int[WordSketch.BUCKETS];
    int hash = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      boolean wordChar = Character.isLetterOrDigit(cp) || (inWord && isMark(cp));
      if (wordChar) {
        if (!inWord) {
          hash = 0x811C9DC5;
          inWord = true;
        }
        hash = (hash ^ cp) * 0x01000193;
      } else if (inWord) {
        counts[(hash ^ (hash >>> 16)) & (WordSketch.BUCKETS - 1)]++;
        inWord = false;
      }
    }
    if (inWord) {
      counts[(hash ^ (hash >>> 16)) & (WordSketch.BUCKETS - 1)]++;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int previous = -1;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        varint(out, i - previous - 1);
        varint(out, counts[i]);
        previous = i;
      }
    }
    return out.toByteArray();
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
  }

  private static void varint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7F) != 0) {
      out.write((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }
}

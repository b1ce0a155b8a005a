package io.feedpipe.streams.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

  @Test
  void sketchesOfSampleTextsAreTheOnesEarlierReleasesStored() throws NoSuchAlgorithmException {
    // Computed by the release before the sketch read the text from a char array.
    assertThat(hex(WordSketch.of("The quick brown fox jumps over the lazy dog 42 times.")))
        .isEqualTo("e004018002017b011b018b01015e01d8010145010e019202016b01");
    assertThat(hex(WordSketch.of("“Don’t panic,” she said — it’s ‘fine’.")))
        .isEqualTo("1d01ae01015201e702013b0164016501a00201");
    assertThat(hex(WordSketch.of("cafe\u0301 nai\u0308ve \u0301lead mark\u20DD"))).as("combining marks")
        .isEqualTo("930401f00201dd0201840301");
    assertThat(hex(WordSketch.of("𝑥₁ + 𝑦 = 😀 𝐀𝐁𝐂 text"))).as("surrogate pairs")
        .isEqualTo("d80701b90201f004017601");
    assertThat(hex(WordSketch.of("3.14159 2026-12-05 ١٢٣ ５６"))).as("digits")
        .isEqualTo("810101a10201830401a60101eb0201c801015001");
    assertThat(hex(WordSketch.of("a\uD800b \uDC00c \uD83D"))).as("lone surrogates").isEqualTo("de04018a0101b60401");
    assertThat(WordSketch.of("")).isEmpty();
    String prose = "“Curly” quotes — café, naïve, cafe\u0301, 中文 and 한글, 𝑥 + 𝑦 = 😀. Words 1 2 3 ".repeat(400);
    assertThat(sha256(WordSketch.of(prose))).isEqualTo("0a15fa1430cf2dd07db0b16cb3229c0fd7b59e78940d62f0000147cbf59e396b");
    StringBuilder many = new StringBuilder();
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      many.append("word").append(random.nextInt(5000)).append(i % 7 == 0 ? "’s " : " ");
    }
    byte[] sketch = WordSketch.of(many.toString());
    assertThat(sketch).as("most of the 2048 buckets").hasSize(3667);
    assertThat(sha256(sketch)).isEqualTo("d4490195669c7aba3cea862145af6f60eb77ed46e9fac0a59dccc7a41cfcdae3");
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return hex(MessageDigest.getInstance("SHA-256").digest(bytes));
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

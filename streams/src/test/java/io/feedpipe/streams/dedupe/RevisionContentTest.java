package io.feedpipe.streams.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RevisionContentTest {

  @Test
  void hashesAreTheContentHashAndTheTextHashAsEverDefined() {
    // Stored hashes must not change between releases, or every stored post would look edited.
    String title = "Étude: “quotes” & math 𝑥";
    String text = "First paragraph.\n\nSecond — with ünïcödé, 中文 and 𝑥 + 𝑦.";
    RevisionContent content = RevisionContent.of(title, text);

    assertThat(content.contentHash()).isEqualTo(ContentHash.of(title, text));
    assertThat(content.textHash()).isEqualTo(Sha256.hex(text));
    assertThat(ContentHash.of("a", "b")).as("SHA-256 of 'a', NUL, 'b'").isEqualTo("59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
    assertThat(RevisionContent.of("a", "b").contentHash()).isEqualTo("59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
  }

  @Test
  void wordSketchCountsWordsWithMarksAsBefore() {
    byte[] plain = WordSketch.of("cafe\u0301 naïve words, more words");
    byte[] same = WordSketch.of("cafe\u0301 naïve words, more words");
    assertThat(plain).isEqualTo(same);
    WordSketch.Diff diff = WordSketch.diff(WordSketch.of("one two three"), WordSketch.of("one two three cafe\u0301"));
    assertThat(diff.added()).isEqualTo(1);
    assertThat(diff.removed()).isZero();
  }

  @Test
  void hashesFromOnePassEqualTheHashesOfTheJdksUtf8EncodingForAnyText() {
    // Lone surrogates (encoded as '?' by the JDK), pairs, 2- and 3-byte chars, and texts longer than
    // the encoder's chunk, with multi-byte chars straddling its end.
    char[] alphabet = {'a', 'Z', '7', ' ', '\n', '.', 'é', 'ß', '\u0301', '—', '中', '\uFFFD', '\uD835', '\uDC65', '\uD83D', '\uDE00'};
    Random random = new Random(15);
    for (int round = 0; round < 300; round++) {
      int length = round < 100 ? random.nextInt(40) : 8000 + random.nextInt(12_000);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String title = "t" + round + (round % 3 == 0 ? "\uD835" : "𝑥");
      RevisionContent content = RevisionContent.of(title, text.toString());
      byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(content.textHash()).as("round %d", round).isEqualTo(Sha256.hex(utf8));
      assertThat(content.contentHash()).as("round %d", round).isEqualTo(Sha256.hex(title.getBytes(StandardCharsets.UTF_8), utf8));
      assertThat(content.wordSketch()).as("round %d", round).isEqualTo(WordSketch.of(text.toString()));
    }
  }
}

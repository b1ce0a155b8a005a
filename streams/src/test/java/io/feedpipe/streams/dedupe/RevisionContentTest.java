package io.feedpipe.streams.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

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
}

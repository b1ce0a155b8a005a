package io.feedpipe.app.reprocess;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParagraphDiffTest {

  @Test
  void showsRemovedAndAddedParagraphsInTextOrderAndNotTheSharedOnes() {
    assertThat(ParagraphDiff.of("Intro.\nMiddle.\nSubscribe now!", "Intro.\nMiddle, reworded.\n", 10, 100))
        .containsExactly("- Middle.", "- Subscribe now!", "+ Middle, reworded.");
  }

  @Test
  void equalTextsHaveNoLines() {
    assertThat(ParagraphDiff.of("A.\n\nB.", "A.\nB.", 10, 100)).isEmpty();
  }

  @Test
  void longParagraphsAndLongDiffsAreCut() {
    assertThat(ParagraphDiff.of("", "x".repeat(50) + "\nb\nc\nd", 2, 10))
        .containsExactly("+ xxxxxxxxx…", "+ b", "  … 2 more changed paragraph(s)");
  }
}

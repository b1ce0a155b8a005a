package io.feedpipe.streams.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.EditSummary;
import io.feedpipe.schemas.PostState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EditSummariesTest {
  static final Instant T0 = Instant.parse("2025-12-08T00:00:00Z");
  final DedupeDecider decider = new DedupeDecider(Duration.ofDays(30), Duration.ofHours(12));

  PostState stored(String title, String text) {
    return decider.nextState(null, new DedupeDecision.New(), RevisionContent.of(title, text), "s", T0);
  }

  @Test
  void titleChangeIsReportedWithThePreviousTitle() {
    EditSummary edit = EditSummaries.of(stored("Old title", "Same text."), RevisionContent.of("New title", "Same text."));
    assertThat(edit.getTitleChanged()).isTrue();
    assertThat(edit.getPreviousTitle()).isEqualTo("Old title");
    assertThat(edit.getTextChanged()).isFalse();
    assertThat(edit.getWordsAdded()).isZero();
    assertThat(edit.getSummary()).isEqualTo("title changed");
  }

  @Test
  void textChangeCountsWordsAddedAndRemoved() {
    EditSummary edit = EditSummaries.of(
        stored("T", "The quick brown fox jumps over the lazy dog."),
        RevisionContent.of("T", "The quick red fox jumps over the lazy dog, twice today."));
    assertThat(edit.getTitleChanged()).isFalse();
    assertThat(edit.getPreviousTitle()).isNull();
    assertThat(edit.getTextChanged()).isTrue();
    assertThat(edit.getWordsAdded()).isEqualTo(3); // red, twice, today
    assertThat(edit.getWordsRemoved()).isEqualTo(1); // brown
    assertThat(edit.getSummary()).isEqualTo("text changed: +3 -1 words");
  }

  @Test
  void wordsAreCountedAsAMultiset() {
    EditSummary edit = EditSummaries.of(stored("T", "a b"), RevisionContent.of("T", "a b b b"));
    assertThat(edit.getWordsAdded()).isEqualTo(2);
    assertThat(edit.getWordsRemoved()).isZero();
  }

  @Test
  void punctuationOnlyEditSaysSo() {
    EditSummary edit = EditSummaries.of(stored("T", "Hello world"), RevisionContent.of("T", "Hello, world!"));
    assertThat(edit.getSummary()).isEqualTo("text changed (punctuation or spacing only)");
  }

  @Test
  void bothChangesAreReportedTogether() {
    EditSummary edit = EditSummaries.of(stored("A", "one two"), RevisionContent.of("B", "one two three"));
    assertThat(edit.getSummary()).isEqualTo("title changed; text changed: +1 -0 words");
  }

  @Test
  void previousStateFromBeforeV2GivesAnHonestUnknown() {
    PostState old = DedupeDeciderTest.v1State(1, "h", "s", T0, T0);
    EditSummary edit = EditSummaries.of(old, RevisionContent.of("T", "text"));
    assertThat(edit.getTextChanged()).isTrue();
    assertThat(edit.getWordsAdded()).isNull();
    assertThat(edit.getWordsRemoved()).isNull();
    assertThat(edit.getSummary()).contains("older feedpipe");
  }

  @Test
  void sketchStaysSmallForALongPost() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("word").append(i % 5000).append(' ');
    }
    byte[] sketch = WordSketch.of(text.toString());
    assertThat(sketch.length).as("bounded by the bucket count, not the text").isLessThan(WordSketch.BUCKETS * 4);
    assertThat(WordSketch.diff(sketch, sketch)).isEqualTo(new WordSketch.Diff(0, 0));
  }

  @Test
  void combiningMarksContinueAWordAsInWordCounts() {
    assertThat(WordSketch.diff(WordSketch.of(""), WordSketch.of("e\u0301te\u0301 nai\u0308ve"))).isEqualTo(new WordSketch.Diff(2, 0));
  }
}

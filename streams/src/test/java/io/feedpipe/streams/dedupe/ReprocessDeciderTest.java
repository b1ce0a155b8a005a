package io.feedpipe.streams.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.EditSummary;
import io.feedpipe.schemas.PostState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReprocessDeciderTest {
  static final Instant T0 = Instant.parse("2025-12-08T00:00:00Z");
  static final String TEXT = "The quick brown fox jumps over the lazy dog.";
  final DedupeDecider decider = new DedupeDecider(Duration.ofDays(30), Duration.ofHours(12));

  /** A post written under the rules with fingerprint "old", to routes {@code routes}, with output hash "out". */
  PostState stored(String title, String text, List<String> routes) {
    return PostState.newBuilder(decider.nextState(null, new DedupeDecision.New(), RevisionContent.of(title, text), "source", T0))
        .setOutputHash("out").setRoutes(routes).setConfigFingerprint("old").build();
  }

  @Test
  void aPostUnknownToTheStoreIsNotJudged() {
    assertThat(ReprocessDecider.beforeCleaning(null, "source", "new")).containsInstanceOf(ReprocessDecider.UnknownPost.class);
  }

  @Test
  void aRecordThatIsNotThePostsLatestFetchIsNotJudged() {
    assertThat(ReprocessDecider.beforeCleaning(stored("T", TEXT, List.of()), "older source", "new"))
        .containsInstanceOf(ReprocessDecider.Superseded.class);
  }

  @Test
  void aPostJudgedUnderTheCurrentRulesIsNotCleanedAgain() {
    assertThat(ReprocessDecider.beforeCleaning(stored("T", TEXT, List.of()), "source", "old"))
        .containsInstanceOf(ReprocessDecider.Current.class);
  }

  @Test
  void aPostJudgedUnderOtherRulesIsCleanedAgain() {
    assertThat(ReprocessDecider.beforeCleaning(stored("T", TEXT, List.of()), "source", "new")).isEmpty();
    PostState beforeFingerprints = PostState.newBuilder(stored("T", TEXT, List.of())).setConfigFingerprint(null).build();
    assertThat(ReprocessDecider.beforeCleaning(beforeFingerprints, "source", "new")).isEmpty();
  }

  @Test
  void sameOutputAndRoutesIsUnchanged() {
    var verdict = ReprocessDecider.judge(stored("T", TEXT, List.of("a", "b")),
        new ReprocessDecider.Rendered(RevisionContent.of("T", TEXT), "out", List.of("b", "a")));
    assertThat(verdict).isInstanceOf(ReprocessDecider.Unchanged.class);
    assertThat(verdict.emits()).isFalse();
  }

  @Test
  void textCutByNewCleaningRulesIsAChangeSayingWhyAndHowMuch() {
    var verdict = ReprocessDecider.judge(stored("T", TEXT + " Subscribe now", List.of()),
        new ReprocessDecider.Rendered(RevisionContent.of("T", TEXT), "other", List.of()));
    assertThat(verdict.emits()).isTrue();
    EditSummary edit = ((ReprocessDecider.Changed) verdict).edit();
    assertThat(edit.getSummary()).isEqualTo("reprocessed: cleaning rules changed the text (+0 -2 words)");
    assertThat(edit.getTextChanged()).isTrue();
    assertThat(edit.getTitleChanged()).isFalse();
    assertThat(edit.getWordsRemoved()).isEqualTo(2);
  }

  @Test
  void htmlOnlyChangeIsAChange() {
    var verdict = ReprocessDecider.judge(stored("T", TEXT, List.of()),
        new ReprocessDecider.Rendered(RevisionContent.of("T", TEXT), "other", List.of()));
    EditSummary edit = ((ReprocessDecider.Changed) verdict).edit();
    assertThat(edit.getSummary()).isEqualTo("reprocessed: cleaning rules changed the HTML");
    assertThat(edit.getTextChanged()).isFalse();
    assertThat(edit.getWordsAdded()).isZero();
  }

  @Test
  void routeChangesAreNamedAddedThenRemoved() {
    var verdict = ReprocessDecider.judge(stored("T", TEXT, List.of("papers", "old-route")),
        new ReprocessDecider.Rendered(RevisionContent.of("T", TEXT), "out", List.of("math", "papers")));
    assertThat(((ReprocessDecider.Changed) verdict).edit().getSummary()).isEqualTo("reprocessed: routes changed: +math, -old-route");
  }

  @Test
  void textAndRouteChangesAreBothSaid() {
    var verdict = ReprocessDecider.judge(stored("Title", TEXT, List.of()),
        new ReprocessDecider.Rendered(RevisionContent.of("New title", TEXT), "other", List.of("math")));
    EditSummary edit = ((ReprocessDecider.Changed) verdict).edit();
    assertThat(edit.getSummary()).isEqualTo("reprocessed: cleaning rules changed the title; routes changed: +math");
    assertThat(edit.getPreviousTitle()).isEqualTo("Title");
  }

  @Test
  void aStateFromBeforeOutputHashesIsComparedByItsContentHashAlone() {
    PostState legacy = PostState.newBuilder(stored("T", TEXT, List.of())).setOutputHash(null).setRoutes(null).setConfigFingerprint(null)
        .build();
    assertThat(ReprocessDecider.judge(legacy, new ReprocessDecider.Rendered(RevisionContent.of("T", TEXT), "other", List.of("math"))))
        .as("HTML and routes unknown: not a change").isInstanceOf(ReprocessDecider.Unchanged.class);
    assertThat(ReprocessDecider.judge(legacy, new ReprocessDecider.Rendered(RevisionContent.of("T", "Other text."), "other", List.of())))
        .isInstanceOf(ReprocessDecider.Changed.class);
  }
}

package io.feedpipe.streams.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.PostState;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DedupeDeciderTest {
  static final Instant T0 = Instant.parse("2025-12-08T00:00:00Z");
  final DedupeDecider decider = new DedupeDecider(Duration.ofDays(30), Duration.ofHours(12));

  static final RevisionContent V1 = RevisionContent.of("Title", "Some text here.");
  static final RevisionContent V2 = RevisionContent.of("Title", "Some longer text here.");

  /** A state as stored before PostState v2: no title, text hash or word sketch. */
  static PostState v1State(int revision, String contentHash, String sourceHash, Instant first, Instant last) {
    return PostState.newBuilder().setRevision(revision).setContentHash(contentHash).setSourceHash(sourceHash)
        .setFirstSeenAt(first).setLastSeenAt(last).build();
  }

  @Test
  void unknownPostIsNewAndItsStateKeepsWhatTheNextEditSummaryNeeds() {
    DedupeDecision d = decider.decide(null, V1.contentHash());
    assertThat(d).isInstanceOf(DedupeDecision.New.class);
    PostState state = decider.nextState(null, d, V1, "s1", T0);
    assertThat(state.getRevision()).isEqualTo(1);
    assertThat(state.getContentHash()).isEqualTo(V1.contentHash());
    assertThat(state.getSourceHash()).isEqualTo("s1");
    assertThat(state.getFirstSeenAt()).isEqualTo(T0);
    assertThat(state.getTitle()).isEqualTo("Title");
    assertThat(state.getTextHash()).isEqualTo(V1.textHash());
    assertThat(state.getWordSketch()).isEqualTo(ByteBuffer.wrap(V1.wordSketch()));
  }

  @Test
  void sameContentHashIsARepeat() {
    PostState seen = v1State(3, "h1", "s1", T0, T0);
    assertThat(decider.decide(seen, "h1")).isInstanceOf(DedupeDecision.Repeat.class);
  }

  @Test
  void newContentHashOfKnownPostIsTheNextRevision() {
    PostState seen = decider.nextState(null, new DedupeDecision.New(), V1, "s1", T0);
    DedupeDecision d = decider.decide(seen, V2.contentHash());
    assertThat(d).isEqualTo(new DedupeDecision.Edit(2, V1.contentHash()));
    PostState next = decider.nextState(seen, d, V2, "s2", T0.plusSeconds(60));
    assertThat(next.getRevision()).isEqualTo(2);
    assertThat(next.getContentHash()).isEqualTo(V2.contentHash());
    assertThat(next.getFirstSeenAt()).isEqualTo(T0);
    assertThat(next.getLastSeenAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(next.getTextHash()).isEqualTo(V2.textHash());
  }

  @Test
  void repeatWritesTheStoreOnlyWhenSourceChangedOrLastSeenIsStale() {
    PostState seen = decider.nextState(null, new DedupeDecision.New(), V1, "s1", T0);
    var repeat = new DedupeDecision.Repeat();
    assertThat(decider.nextState(seen, repeat, V1, "s1", T0.plusSeconds(60))).isNull();
    assertThat(decider.nextState(seen, repeat, V1, "s2", T0.plusSeconds(60)).getSourceHash()).isEqualTo("s2");
    assertThat(decider.touched(seen, T0.plus(Duration.ofHours(1)))).isNull();
    PostState touched = decider.touched(seen, T0.plus(Duration.ofHours(13)));
    assertThat(touched.getLastSeenAt()).isEqualTo(T0.plus(Duration.ofHours(13)));
    assertThat(touched.getWordSketch()).as("touching keeps the sketch").isEqualTo(seen.getWordSketch());
  }

  @Test
  void repeatOfAStateStoredBeforeV2FillsInTitleTextHashAndSketch() {
    PostState old = v1State(1, V1.contentHash(), "s1", T0, T0);
    PostState next = decider.nextState(old, new DedupeDecision.Repeat(), V1, "s2", T0.plusSeconds(60));
    assertThat(next.getTitle()).isEqualTo("Title");
    assertThat(next.getTextHash()).isEqualTo(V1.textHash());
    assertThat(next.getWordSketch()).isNotNull();
  }

  @Test
  void stateExpiresAfterTheRetentionSinceLastSeen() {
    PostState seen = v1State(1, "h1", "s1", T0, T0);
    assertThat(decider.isExpired(seen, T0.plus(Duration.ofDays(29)))).isFalse();
    assertThat(decider.isExpired(seen, T0.plus(Duration.ofDays(31)))).isTrue();
  }

  @Test
  void contentHashDependsOnTitleAndTextOnly() {
    assertThat(ContentHash.of("t", "x")).isEqualTo(ContentHash.of("t", "x"));
    assertThat(ContentHash.of("t", "x")).isNotEqualTo(ContentHash.of("t2", "x"));
    assertThat(ContentHash.of("ab", "c")).isNotEqualTo(ContentHash.of("a", "bc"));
  }
}

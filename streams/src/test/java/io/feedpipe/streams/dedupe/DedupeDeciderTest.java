package io.feedpipe.streams.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.PostState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DedupeDeciderTest {
  static final Instant T0 = Instant.parse("2025-12-08T00:00:00Z");
  final DedupeDecider decider = new DedupeDecider(Duration.ofDays(30), Duration.ofHours(12));

  @Test
  void unknownPostIsNew() {
    DedupeDecision d = decider.decide(null, "h1");
    assertThat(d).isInstanceOf(DedupeDecision.New.class);
    assertThat(decider.nextState(null, d, "h1", "s1", T0)).isEqualTo(new PostState(1, "h1", "s1", T0, T0));
  }

  @Test
  void sameContentHashIsARepeat() {
    PostState seen = new PostState(3, "h1", "s1", T0, T0);
    assertThat(decider.decide(seen, "h1")).isInstanceOf(DedupeDecision.Repeat.class);
  }

  @Test
  void newContentHashOfKnownPostIsTheNextRevision() {
    PostState seen = new PostState(3, "h1", "s1", T0, T0);
    DedupeDecision d = decider.decide(seen, "h2");
    assertThat(d).isEqualTo(new DedupeDecision.Edit(4, "h1"));
    assertThat(decider.nextState(seen, d, "h2", "s2", T0.plusSeconds(60)))
        .isEqualTo(new PostState(4, "h2", "s2", T0, T0.plusSeconds(60)));
  }

  @Test
  void repeatWritesTheStoreOnlyWhenSourceChangedOrLastSeenIsStale() {
    PostState seen = new PostState(1, "h1", "s1", T0, T0);
    var repeat = new DedupeDecision.Repeat();
    assertThat(decider.nextState(seen, repeat, "h1", "s1", T0.plusSeconds(60))).isNull();
    assertThat(decider.nextState(seen, repeat, "h1", "s2", T0.plusSeconds(60)).getSourceHash()).isEqualTo("s2");
    assertThat(decider.touched(seen, T0.plus(Duration.ofHours(1)))).isNull();
    assertThat(decider.touched(seen, T0.plus(Duration.ofHours(13))).getLastSeenAt()).isEqualTo(T0.plus(Duration.ofHours(13)));
  }

  @Test
  void stateExpiresAfterTheRetentionSinceLastSeen() {
    PostState seen = new PostState(1, "h1", "s1", T0, T0);
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

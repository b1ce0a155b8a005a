package io.feedpipe.client.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.client.consume.RevisionCheck.Decision;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RevisionCheckTest {

  @Test
  void firstRevisionOfAnUnknownPostIsStored() {
    assertThat(RevisionCheck.decide(OptionalInt.empty(), 1)).isEqualTo(Decision.NEW_POST).matches(Decision::apply);
  }

  @Test
  void newerRevisionReplacesTheStoredOne() {
    assertThat(RevisionCheck.decide(OptionalInt.of(1), 2)).isEqualTo(Decision.NEWER_REVISION).matches(Decision::apply);
  }

  @Test
  void redeliveredRevisionChangesNothing() {
    assertThat(RevisionCheck.decide(OptionalInt.of(2), 2)).isEqualTo(Decision.SAME_REVISION).matches(d -> !d.apply());
  }

  @Test
  void olderRevisionNeverOverwritesANewerOne() {
    assertThat(RevisionCheck.decide(OptionalInt.of(3), 2)).isEqualTo(Decision.OLDER_REVISION).matches(d -> !d.apply());
  }
}

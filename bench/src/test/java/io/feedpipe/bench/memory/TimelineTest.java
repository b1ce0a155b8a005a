package io.feedpipe.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static final Instant END = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void postsAreFetchedEvenlyOverTheSpanEndingAtTheGivenTime() {
    Timeline t = Timeline.endingAt(END, Duration.ofHours(24), 24_000);
    assertThat(t.start()).isEqualTo(END.minus(Duration.ofHours(24)));
    assertThat(t.fetchedAt(0)).isEqualTo(t.start());
    assertThat(t.fetchedAt(1000)).isEqualTo(t.start().plus(Duration.ofHours(1)));
    assertThat(t.fetchedAt(23_999)).isBefore(END);
    assertThat(t.postsPerHour()).isEqualTo(1000.0);
  }

  @Test
  void clockAfterNPostsIsTheFetchTimeOfPostNClampedToTheSpan() {
    Timeline t = Timeline.endingAt(END, Duration.ofHours(10), 1000);
    assertThat(t.timeAfter(0)).isEqualTo(t.start().toEpochMilli());
    assertThat(t.timeAfter(100)).isEqualTo(t.start().plus(Duration.ofHours(1)).toEpochMilli());
    assertThat(t.timeAfter(1000)).isEqualTo(END.toEpochMilli());
    assertThat(t.timeAfter(5000)).isEqualTo(END.toEpochMilli());
    assertThat(t.timeAfter(-1)).isEqualTo(t.start().toEpochMilli());
  }

  @Test
  void countsThePostsFetchedSinceAnInstantExactly() {
    Timeline t = Timeline.endingAt(END, Duration.ofHours(10), 1000);
    assertThat(t.postsFetchedSince(t.start())).isEqualTo(1000);
    assertThat(t.postsFetchedSince(END.minus(Duration.ofHours(1)))).isEqualTo(100);
    assertThat(t.postsFetchedSince(END.minus(Duration.ofHours(1)).plusMillis(1))).isEqualTo(99);
    assertThat(t.postsFetchedSince(END)).isZero();
    assertThat(t.postsFetchedSince(t.start().minusSeconds(1))).isEqualTo(1000);
  }

  @Test
  void refusesSpansLongerThanAWeekAndNoPosts() {
    assertThatThrownBy(() -> Timeline.endingAt(END, Duration.ofDays(8), 10)).hasMessageContaining("at most 7 days");
    assertThatThrownBy(() -> Timeline.endingAt(END, Duration.ofHours(1), 0)).hasMessageContaining("posts must be");
  }
}

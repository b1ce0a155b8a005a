package io.feedpipe.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReplayPlannerTest {
  static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

  static PartitionOffsets p(int partition, long committed, long start, long end, long forTime) {
    return new PartitionOffsets(partition, committed < 0 ? OptionalLong.empty() : OptionalLong.of(committed), start, end,
        forTime < 0 ? OptionalLong.empty() : OptionalLong.of(forTime));
  }

  @Test
  void toEarliestReprocessesWhatWasConsumedSinceTheLogStart() {
    ReplayPlan plan = ReplayPlanner.plan("g", "posts.clean", new ResetSpec.ToEarliest(), List.of(p(1, 80, 10, 100, -1), p(0, 40, 0, 50, -1)));
    assertThat(plan.rows()).extracting(ReplayPlan.Row::partition).containsExactly(0, 1);
    assertThat(plan.targets()).isEqualTo(Map.of(0, 0L, 1, 10L));
    assertThat(plan.reprocess()).isEqualTo(40 + 70);
    assertThat(plan.toRead()).isEqualTo(50 + 90);
    assertThat(plan.skip()).isZero();
  }

  @Test
  void toLatestSkipsWhatWasNotReadYet() {
    ReplayPlan plan = ReplayPlanner.plan("g", "t", new ResetSpec.ToLatest(), List.of(p(0, 40, 0, 50, -1)));
    assertThat(plan.targets()).isEqualTo(Map.of(0, 50L));
    assertThat(plan.skip()).isEqualTo(10);
    assertThat(ReplayPlanner.table(plan, false)).contains("will never process 10 record(s)");
  }

  @Test
  void byTimeTakesTheBrokersOffsetAndTheEndWhereNoRecordIsThatLate() {
    ReplayPlan plan = ReplayPlanner.plan("g", "t", new ResetSpec.ToDatetime(T), List.of(p(0, 50, 0, 50, 20), p(1, 30, 0, 30, -1)));
    assertThat(plan.targets()).isEqualTo(Map.of(0, 20L, 1, 30L));
    assertThat(plan.rows().get(1).note()).contains("no record at or after 2026-11-01T00:00:00Z");
    assertThat(new ResetSpec.ByDuration(Duration.ofHours(6)).lookupTime(T)).contains(T.minus(Duration.ofHours(6)));
  }

  @Test
  void offsetsOutsideTheLogAreClampedWithANote() {
    ReplayPlan plan = ReplayPlanner.plan("g", "t", new ResetSpec.ToOffsets(Map.of(0, 3L, 1, 500L)), List.of(p(0, 50, 10, 60, -1),
        p(1, 50, 0, 60, -1), p(2, 5, 0, 60, -1)));
    assertThat(plan.targets()).as("partition 2 not named: left alone").isEqualTo(Map.of(0, 10L, 1, 60L));
    assertThat(plan.rows().get(0).note()).contains("offset 3 is gone (log starts at 10)");
    assertThat(plan.rows().get(1).note()).contains("past the end 60");
  }

  @Test
  void unknownPartitionIsAnErrorNamingIt() {
    assertThatThrownBy(() -> ReplayPlanner.plan("g", "t", new ResetSpec.ToOffsets(Map.of(7, 0L)), List.of(p(0, 0, 0, 1, -1))))
        .isInstanceOf(ReplayException.class).hasMessage("topic t has no partition 7 (it has 1: 0-0)");
  }

  @Test
  void partitionWithoutCommitShowsADashAndReprocessesNothing() {
    ReplayPlan plan = ReplayPlanner.plan("g", "t", new ResetSpec.ToEarliest(), List.of(p(0, -1, 0, 9, -1)));
    assertThat(plan.reprocess()).isZero();
    String table = ReplayPlanner.table(plan, false);
    assertThat(table).contains("dry run").contains("PARTITION  CURRENT  TARGET").containsPattern("\\n0 +- +0 +0 +9 +0 +0 +9");
  }

  @Test
  void specsDescribeThemselvesAsTheirOptions() {
    assertThat(new ResetSpec.ToOffsets(Map.of(2, 5L, 0, 1L)).describe()).isEqualTo("to-offset 0:1 2:5");
    assertThat(new ResetSpec.ByDuration(Duration.ofHours(6)).describe()).isEqualTo("by-duration PT6H");
    assertThatThrownBy(() -> new ResetSpec.ByDuration(Duration.ZERO)).hasMessageContaining("positive");
  }
}

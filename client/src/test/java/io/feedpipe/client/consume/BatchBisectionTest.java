package io.feedpipe.client.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchBisectionTest {
  final List<Integer> written = new ArrayList<>();
  int attempts;

  /** Writes a batch all or nothing, like one database transaction: fails on any item in {@code bad}. */
  BatchBisection.Attempt<Integer> failingOn(Set<Integer> bad) {
    return items -> {
      attempts++;
      for (Integer i : items) {
        if (bad.contains(i)) {
          throw new SQLException("item " + i + " has a NUL", "22021");
        }
      }
      written.addAll(items);
    };
  }

  static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void isolatesEachBadRecordAndWritesAllOthersInOrder() {
    var outcome = BatchBisection.isolate(range(10), new SQLException("x", "22021"), failingOn(Set.of(2, 7, 8)), FailureClassifier.standard());

    assertThat(outcome).isInstanceOfSatisfying(BatchBisection.Isolated.class, isolated -> {
      assertThat(isolated.written()).isEqualTo(7);
      assertThat(isolated.rejected()).extracting(r -> ((BatchBisection.Rejected<?>) r).item()).containsExactly(2, 7, 8);
    });
    assertThat(written).containsExactly(0, 1, 3, 4, 5, 6, 9);
  }

  @Test
  void rejectKeepsTheFailureOfTheRecordAlone() {
    var outcome = BatchBisection.isolate(range(4), new SQLException("x", "22021"), failingOn(Set.of(3)), FailureClassifier.standard());

    var isolated = (BatchBisection.Isolated<Integer>) outcome;
    assertThat(isolated.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).hasMessage("item 3 has a NUL"));
  }

  @Test
  void aSingleFailedRecordIsRejectedWithoutAnotherAttempt() {
    SQLException failure = new SQLException("x", "22008");
    var outcome = BatchBisection.isolate(List.of(42), failure, failingOn(Set.of(42)), FailureClassifier.standard());

    assertThat(outcome).isEqualTo(new BatchBisection.Isolated<>(0, List.of(new BatchBisection.Rejected<>(42, failure))));
    assertThat(attempts).isZero();
  }

  @Test
  void everyRecordBadIsEveryRecordRejected() {
    var outcome = (BatchBisection.Isolated<Integer>) BatchBisection.isolate(range(5), new SQLException("x", "22021"),
        failingOn(Set.of(0, 1, 2, 3, 4)), FailureClassifier.standard());

    assertThat(outcome.written()).isZero();
    assertThat(outcome.rejected()).extracting(BatchBisection.Rejected::item).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void oneBadRecordInALargeBatchTakesLogarithmicallyManyAttempts() {
    BatchBisection.isolate(range(512), new SQLException("x", "22021"), failingOn(Set.of(300)), FailureClassifier.standard());

    assertThat(written).hasSize(511);
    assertThat(attempts).isLessThanOrEqualTo(2 * 9);
  }

  @Test
  void aTransientFailureDuringTheSearchStopsIt() {
    SQLException outage = new SQLException("connection reset", "08006");
    BatchBisection.Attempt<Integer> attempt = items -> {
      attempts++;
      if (attempts == 2) {
        throw outage;
      }
      if (items.contains(1)) {
        throw new SQLException("bad", "22021");
      }
      written.addAll(items);
    };

    var outcome = BatchBisection.isolate(range(8), new SQLException("x", "22021"), attempt, FailureClassifier.standard());

    assertThat(outcome).isEqualTo(new BatchBisection.Interrupted<Integer>(outage));
  }
}

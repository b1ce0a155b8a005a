package io.feedpipe.producer.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class BytesInFlightTest {

  @Test
  void bytesAreTakenAsReadAndAllGivenBackWhenTheFetchEnds() throws Exception {
    BytesInFlight budget = new BytesInFlight(100, Duration.ofMinutes(10));
    BytesInFlight.Reservation a = budget.open("a");
    a.grow(10);
    a.grow(20);
    assertThat(budget.used()).isEqualTo(30);

    a.close();
    a.close(); // twice is harmless

    assertThat(budget.used()).isZero();
  }

  @Test
  void aBodyLargerThanTheWholeBudgetFailsAtOnceNamingTheSetting() throws Exception {
    // A long wait: the fetch must not wait for bytes only it could free.
    BytesInFlight budget = new BytesInFlight(100, Duration.ofMinutes(10));
    BytesInFlight.Reservation a = budget.open("body of https://x.org/feed");
    a.grow(60);

    assertThatThrownBy(() -> a.grow(50))
        .isInstanceOfSatisfying(BytesInFlightException.class, e -> assertThat(e.largerThanBudget()).isTrue())
        .hasMessageContaining("body of https://x.org/feed")
        .hasMessageContaining("producer.max-bytes-in-flight (100 bytes)");
  }

  @Test
  void aFetchWaitsForRoomThatAnotherFetchGivesBack() throws Exception {
    BytesInFlight budget = new BytesInFlight(100, Duration.ofMinutes(10));
    BytesInFlight.Reservation a = budget.open("a");
    BytesInFlight.Reservation b = budget.open("b");
    a.grow(80);

    CompletableFuture<Void> bGrows = CompletableFuture.runAsync(() -> {
      try {
        b.grow(50);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Awaitility.await().until(() -> budget.waiting() == 1);
    assertThat(bGrows).isNotDone();
    a.close();

    Awaitility.await().until(bGrows::isDone);
    assertThat(bGrows).isCompleted();
    assertThat(budget.used()).isEqualTo(50);
  }

  @Test
  void aFetchThatFindsNoRoomWithinTheWaitFailsNamingTheSetting() throws Exception {
    BytesInFlight budget = new BytesInFlight(100, Duration.ofMillis(20));
    budget.open("a").grow(80);
    BytesInFlight.Reservation b = budget.open("b");

    assertThatThrownBy(() -> b.grow(50))
        .isInstanceOfSatisfying(BytesInFlightException.class, e -> assertThat(e.largerThanBudget()).isFalse())
        .hasMessageContaining("no room within producer.max-bytes-in-flight (100 bytes)")
        .hasMessageContaining("concurrent fetches hold 80 bytes");
    assertThat(budget.used()).as("the failed fetch took nothing").isEqualTo(80);
  }

  @Test
  void aNonPositiveBudgetIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new BytesInFlight(0, Duration.ofSeconds(1))).hasMessageStartingWith("max-bytes-in-flight");
  }
}

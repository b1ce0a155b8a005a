package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.bench.pipeline.BenchFeeds.Batch;
import io.feedpipe.bench.pipeline.DeliveryLedger.Seen;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {
  private final BenchFeeds feeds = new BenchFeeds(10, 4);
  private final DeliveryLedger ledger = new DeliveryLedger(feeds);

  @Test
  void everyPostOnceIsExactlyOnce() {
    for (int post = 0; post < 20; post++) {
      assertThat(ledger.record(feeds.postId(post))).isEqualTo(post < 10 ? Seen.FIRST_OF_STAGES : Seen.FIRST_OF_PIPELINE);
    }
    assertThat(ledger.distinct(Batch.STAGES)).isEqualTo(10);
    assertThat(ledger.check(Batch.STAGES).exactlyOnce()).isTrue();
    assertThat(ledger.check(Batch.PIPELINE).describe()).isEqualTo("pipeline: all 10 posts exactly once in posts.clean");
  }

  @Test
  void aMissingAndADuplicatedPostAreCountedAndNamed() {
    for (int post = 0; post < 9; post++) { // post 9 lost
      ledger.record(feeds.postId(post));
    }
    assertThat(ledger.record(feeds.postId(3))).isEqualTo(Seen.DUPLICATE);
    assertThat(ledger.distinct(Batch.STAGES)).isEqualTo(9);

    DeliveryLedger.Check check = ledger.check(Batch.STAGES);
    assertThat(check.exactlyOnce()).isFalse();
    assertThat(check.missing()).isEqualTo(1);
    assertThat(check.duplicated()).isEqualTo(1);
    assertThat(check.describe()).isEqualTo("streams stage: 1 of 10 posts missing from posts.clean, 1 duplicated");
  }

  @Test
  void aKeyThatIsNoGeneratedPostIsUnexpectedAndFailsTheCheck() {
    assertThat(ledger.record("lesswrong:something-else")).isEqualTo(Seen.UNEXPECTED);
    assertThat(ledger.record(null)).isEqualTo(Seen.UNEXPECTED);
    assertThat(ledger.check(Batch.PIPELINE).unexpected()).isEqualTo(2);
    assertThat(ledger.check(Batch.PIPELINE).describe()).endsWith(", 2 records with unknown ids");
  }
}

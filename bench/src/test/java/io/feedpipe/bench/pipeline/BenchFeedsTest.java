package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.bench.pipeline.BenchFeeds.Batch;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchFeedsTest {

  @Test
  void twoBatchesOfFeedsCoverEveryPostOnceTheLastFeedOfABatchHoldingTheRest() {
    BenchFeeds feeds = new BenchFeeds(45, 20); // 3 feeds per batch: 20, 20, 5
    assertThat(feeds.feedsPerBatch()).isEqualTo(3);
    assertThat(feeds.feeds(Batch.STAGES).boxed().toList()).containsExactly(0, 1, 2);
    assertThat(feeds.feeds(Batch.PIPELINE).boxed().toList()).containsExactly(3, 4, 5);
    assertThat(feeds.firstPost(2)).isEqualTo(40);
    assertThat(feeds.endPost(2)).isEqualTo(45);
    assertThat(feeds.firstPost(3)).isEqualTo(45);
    assertThat(feeds.endPost(5)).isEqualTo(90);

    Set<Integer> covered = new HashSet<>();
    for (int feed = 0; feed < feeds.feedCount(); feed++) {
      for (int post = feeds.firstPost(feed); post < feeds.endPost(feed); post++) {
        assertThat(covered.add(post)).as("post %d in one feed only", post).isTrue();
        assertThat(feeds.feedOfPost(post)).isEqualTo(feed);
      }
    }
    assertThat(covered).hasSize(90);
  }

  @Test
  void postIdsAreTheProducersFeedIdColonGuid() {
    BenchFeeds feeds = new BenchFeeds(100, 20);
    assertThat(feeds.postId(0)).isEqualTo("bench-s-0:bench-post-0");
    assertThat(feeds.postId(99)).isEqualTo("bench-s-4:bench-post-99");
    assertThat(feeds.postId(100)).isEqualTo("bench-p-0:bench-post-100");
    assertThat(feeds.batchOfPost(100)).isEqualTo(Batch.PIPELINE);
    assertThat(IntStream.range(0, 200).mapToObj(feeds::postId).distinct().count()).isEqualTo(200);
  }

  @Test
  void refusesNumbersOutOfRange() {
    assertThatThrownBy(() -> new BenchFeeds(0, 20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BenchFeeds(10, 20).postId(20)).hasMessageContaining("out of range");
  }
}

package io.feedpipe.app.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.bench.memory.SyntheticPosts;
import io.feedpipe.bench.memory.Timeline;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.streams.dedupe.ContentHash;
import io.feedpipe.streams.dedupe.SourceHash;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DedupeStoreSeedTest {

  private final SyntheticPosts posts = new SyntheticPosts(1, 10, 300, Timeline.endingAt(Instant.parse("2026-12-05T00:00:00Z"),
      Duration.ofHours(24), 100));

  @Test
  void aSeededStateIsThatOfANewPostAtRevisionOneWithTheAppsHashes() {
    FetchedPost post = posts.post(7);
    PostState state = DedupeStoreSeed.state(post);
    assertThat(state.getRevision()).isEqualTo(1);
    assertThat(state.getSourceHash()).isEqualTo(SourceHash.of(post));
    assertThat(state.getFirstSeenAt()).isEqualTo(post.getFetchedAt()).isEqualTo(state.getLastSeenAt());
    assertThat(state.getTitle()).isEqualTo(post.getTitle());
    assertThat(state.getContentHash()).hasSize(64).isNotEqualTo(state.getTextHash());
    assertThat(state.getWordSketch().remaining()).isPositive();
    assertThat(DedupeStoreSeed.state(posts.post(8)).getContentHash()).isNotEqualTo(state.getContentHash());
  }

  @Test
  void theTextHashedIsThePostsTextWithoutItsTags() {
    FetchedPost post = posts.post(3);
    PostState state = DedupeStoreSeed.state(post);
    String text = post.getContentHtml().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    assertThat(state.getContentHash()).isEqualTo(ContentHash.of(post.getTitle(), text));
  }

  @Test
  void theChangelogIsTheOneKafkaStreamsNamesForTheDedupeStore() {
    assertThat(DedupeStoreSeed.changelog("feedpipe-recovery")).isEqualTo("feedpipe-recovery-post-state-changelog");
  }
}

package io.feedpipe.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.streams.dedupe.SourceHash;
import io.feedpipe.streams.topology.PostRevisions;
import io.feedpipe.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticPostsTest {

  private static final Timeline TIMELINE = Timeline.endingAt(Instant.parse("2026-11-30T12:00:00Z"), Duration.ofHours(24), 5_000);

  @Test
  void everyPostHasItsOwnIdAndContent() {
    SyntheticPosts posts = new SyntheticPosts(7, 100, 1500, TIMELINE);
    Set<String> ids = new HashSet<>();
    Set<String> sources = new HashSet<>();
    for (long i = 0; i < posts.count(); i++) {
      FetchedPost post = posts.post(i);
      ids.add(post.getPostId());
      sources.add(SourceHash.of(post));
      assertThat(post.getPostId()).isEqualTo(posts.postId(i)).startsWith(post.getFeedId() + ":");
    }
    assertThat(ids).hasSize(5_000);
    assertThat(sources).hasSize(5_000);
  }

  @Test
  void theSameSeedGivesTheSamePostsAndAnotherSeedOthers() {
    FetchedPost a = new SyntheticPosts(7, 100, 1500, TIMELINE).post(1234);
    assertThat(new SyntheticPosts(7, 100, 1500, TIMELINE).post(1234)).isEqualTo(a);
    assertThat(new SyntheticPosts(8, 100, 1500, TIMELINE).post(1234).getContentHtml()).isNotEqualTo(a.getContentHtml());
  }

  @Test
  void postsAreAboutTheRequestedSizeAndFetchedWhenTheTimelineSays() {
    SyntheticPosts posts = new SyntheticPosts(1, 100, 1500, TIMELINE);
    for (long i = 0; i < 200; i++) {
      FetchedPost post = posts.post(i);
      assertThat(post.getContentHtml().length()).isBetween(1500, 2500);
      assertThat(post.getFetchedAt()).isEqualTo(TIMELINE.fetchedAt(i));
      assertThat(post.getPublishedAt()).isBefore(post.getFetchedAt());
    }
  }

  @Test
  void someTitlesMatchTheDefaultRoutesAndSomeFeedsDeclareNoLanguage() {
    SyntheticPosts posts = new SyntheticPosts(1, 100, 1500, TIMELINE);
    assertThat(posts.post(3).getTitle()).startsWith("[Linkpost] ");
    assertThat(posts.post(7).getTitle()).startsWith("[Paper] ");
    assertThat(posts.post(0).getTitle()).doesNotStartWith("[");
    assertThat(posts.post(3).getLanguage()).isNull();
    assertThat(posts.post(0).getLanguage()).isEqualTo("en");
  }

  @Test
  void storeEntriesOfKilobytePostsAreAFewHundredBytes() {
    StoreEntrySize sizes = StoreEntrySize.sample(new SyntheticPosts(1, 1000, 1500, TIMELINE), 50,
        PostRevisions.of(StreamsSettings.defaults(List.of(), Path.of("unused"))));
    assertThat(sizes.keyBytes()).isBetween(30.0, 60.0);
    // three hex SHA-256 hashes, a title, two timestamps and a word sketch of ~200 words
    assertThat(sizes.valueBytes()).isBetween(300.0, 900.0);
    assertThat(sizes.rawRecordBytes()).isBetween(1500.0, 3000.0);
  }
}

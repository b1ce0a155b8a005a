package io.feedpipe.app.reprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.schemas.FetchedPost;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RawSelectionTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  static FetchedPost post(String feedId, String feedUrl) {
    return FetchedPost.newBuilder().setPostId(feedId + ":1").setFeedId(feedId).setFeedUrl(feedUrl).setEntryGuid("1")
        .setLink("https://example.org/1").setTitle("T").setAuthors(List.of()).setCategories(List.of()).setPublishedAt(null)
        .setUpdatedAt(null).setContentHtml("<p>x</p>").setSummaryHtml(null).setLanguage(null).setFetchedAt(T0).setFetchId("f").build();
  }

  @Test
  void aFeedIsNamedByItsIdOrItsUrl() {
    FetchedPost lw = post("lesswrong", "https://www.lesswrong.com/feed.xml");
    assertThat(new RawSelection(Optional.of("lesswrong"), Optional.empty(), Optional.empty()).accepts(lw)).isTrue();
    assertThat(new RawSelection(Optional.of(" https://www.lesswrong.com/feed.xml "), Optional.empty(), Optional.empty()).accepts(lw)).isTrue();
    assertThat(new RawSelection(Optional.of("other"), Optional.empty(), Optional.empty()).accepts(lw)).isFalse();
    assertThat(RawSelection.all().accepts(lw)).isTrue();
  }

  @Test
  void anEmptyTimeRangeIsRefusedNamingBothEnds() {
    assertThatThrownBy(() -> new RawSelection(Optional.empty(), Optional.of(T0), Optional.of(T0)))
        .hasMessageContaining("--from 2026-11-01T00:00:00Z is not before --to");
  }

  @Test
  void describesItselfForTheSummary() {
    assertThat(new RawSelection(Optional.of("lesswrong"), Optional.of(T0), Optional.empty()).describe())
        .isEqualTo("[2026-11-01T00:00:00Z, end) of feed lesswrong");
  }
}

package io.feedpipe.producer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.parse.ParsedEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityDeciderTest {
  private static ParsedEntry entry(String guid, String link, String title) {
    return new ParsedEntry(guid, link, title, List.of(), List.of(), null, null, null, null);
  }

  @Test
  void distinctGuidsKeepGuidIdentity() {
    var d = IdentityDecider.decide(List.of(entry("1", "https://x/a", "a"), entry("2", "https://x/b", "b")), null, null);
    assertThat(d.strategy()).isEqualTo(IdentityStrategy.GUID);
    assertThat(d.describe()).isEqualTo("GUID");
  }

  @Test
  void duplicatedGuidsFallBackToLinksAndSaySo() {
    var d = IdentityDecider.decide(List.of(entry("same", "https://x/a", "a"), entry("same", "https://x/b", "b")), null, null);
    assertThat(d.strategy()).isEqualTo(IdentityStrategy.LINK);
    assertThat(d.changed()).isTrue();
    assertThat(d.describe()).contains("GUIDs duplicated within the feed").contains("\"same\" ×2");
    assertThat(PostIdentity.of("f", entry("same", "https://x/a?utm_source=rss", "a"), d.strategy())).isEqualTo("f:https://x/a");
  }

  @Test
  void duplicatedGuidsAndLinksFallBackToHashes() {
    var d = IdentityDecider.decide(List.of(entry("same", "https://x/", "a"), entry("same", "https://x/", "b")), null, null);
    assertThat(d.strategy()).isEqualTo(IdentityStrategy.HASH);
    assertThat(PostIdentity.of("f", entry("same", "https://x/", "a"), d.strategy()))
        .isNotEqualTo(PostIdentity.of("f", entry("same", "https://x/", "b"), d.strategy()));
  }

  @Test
  void theFallbackIsStickySoIdsDoNotFlipBack() {
    var d = IdentityDecider.decide(List.of(entry("1", "https://x/a", "a")), IdentityStrategy.LINK, "GUIDs duplicated");
    assertThat(d.strategy()).isEqualTo(IdentityStrategy.LINK);
    assertThat(d.changed()).isFalse();
    assertThat(d.reason()).isEqualTo("GUIDs duplicated");
  }

  @Test
  void theSameEntryListedTwiceIsNotACollision() {
    var d = IdentityDecider.decide(List.of(entry("1", "https://x/a", "a"), entry("1", "https://x/a", "a")), null, null);
    assertThat(d.strategy()).isEqualTo(IdentityStrategy.GUID);
  }
}

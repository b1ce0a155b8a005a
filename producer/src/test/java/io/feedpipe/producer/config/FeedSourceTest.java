package io.feedpipe.producer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class FeedSourceTest {

  @Test
  void idOfAnHttpFeedIsItsHostPathAndQueryAsReadableSlug() {
    assertThat(FeedSource.fromUrl("https://www.LessWrong.com/feed.xml").id()).isEqualTo("www-lesswrong-com-feed-xml");
    assertThat(FeedSource.fromUrl("https://www.lesswrong.com/feed.xml?view=rss&karmaThreshold=2").id())
        .isEqualTo("www-lesswrong-com-feed-xml-view-rss-karmathreshold-2");
    assertThat(FeedSource.fromUrl("http://example.org/").id()).isEqualTo("example-org");
  }

  @Test
  void idIsStableForTheSameUrl() {
    assertThat(FeedSource.fromUrl("https://example.org/feed")).isEqualTo(FeedSource.fromUrl("https://example.org/feed"));
  }

  @Test
  void idOfAFileFeedIsItsFileNameWithoutExtension() {
    FeedSource feed = FeedSource.fromUrl("file:///work/main/fixtures/lesswrong/poll-1.xml");

    assertThat(feed.id()).isEqualTo("poll-1");
    assertThat(feed.url()).isEqualTo(URI.create("file:///work/main/fixtures/lesswrong/poll-1.xml"));
  }

  @Test
  void refusesOtherSchemesNamingTheUrlAndWhatIsAllowed() {
    assertThatThrownBy(() -> FeedSource.fromUrl("ftp://example.org/feed.xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://example.org/feed.xml")
        .hasMessageContaining("http, https and file");
    assertThatThrownBy(() -> FeedSource.fromUrl("example.org/feed.xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("example.org/feed.xml");
  }

  @Test
  void refusesUnparsableUrlsNamingThem() {
    assertThatThrownBy(() -> FeedSource.fromUrl("https://exa mple.org/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://exa mple.org/");
  }

  @Test
  void refusesHttpUrlWithoutHost() {
    assertThatThrownBy(() -> FeedSource.fromUrl("https:///feed")).hasMessageContaining("no host");
  }
}

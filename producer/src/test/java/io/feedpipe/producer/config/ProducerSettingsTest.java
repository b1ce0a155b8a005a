package io.feedpipe.producer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {
  private final List<FeedSource> feeds = List.of(FeedSource.fromUrl("https://example.org/feed"));

  @Test
  void defaultsAreTheDocumentedOnes() {
    ProducerSettings settings = ProducerSettings.defaults(feeds);

    assertThat(settings.pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.fetchTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.maxBodyBytes()).isEqualTo(15L * 1024 * 1024);
    assertThat(settings.userAgent()).isEqualTo("feedpipe/0.1 (+https://github.com/feedpipe/feedpipe)");
    assertThat(settings.rawTopic()).isEqualTo("posts.raw");
    assertThat(settings.statusTopic()).isEqualTo("feeds.status");
    assertThat(settings.maxEntryBytes()).isEqualTo(900 * 1024);
  }

  @Test
  void invalidSettingsAreRefusedNamingTheSetting() {
    ProducerSettings d = ProducerSettings.defaults(feeds);
    assertThatThrownBy(() -> new ProducerSettings(List.of(), d.pollInterval(), d.fetchTimeout(), d.maxBodyBytes(), d.userAgent(), d.rawTopic(), d.statusTopic()))
        .hasMessageStartingWith("feeds");
    assertThatThrownBy(() -> new ProducerSettings(feeds, Duration.ZERO, d.fetchTimeout(), d.maxBodyBytes(), d.userAgent(), d.rawTopic(), d.statusTopic()))
        .hasMessageStartingWith("pollInterval");
    assertThatThrownBy(() -> new ProducerSettings(feeds, d.pollInterval(), Duration.ofSeconds(-1), d.maxBodyBytes(), d.userAgent(), d.rawTopic(), d.statusTopic()))
        .hasMessageStartingWith("fetchTimeout");
    assertThatThrownBy(() -> new ProducerSettings(feeds, d.pollInterval(), d.fetchTimeout(), 0, d.userAgent(), d.rawTopic(), d.statusTopic()))
        .hasMessageStartingWith("maxBodyBytes");
    assertThatThrownBy(() -> new ProducerSettings(feeds, d.pollInterval(), d.fetchTimeout(), d.maxBodyBytes(), " ", d.rawTopic(), d.statusTopic()))
        .hasMessageStartingWith("userAgent");
    assertThatThrownBy(() -> new ProducerSettings(feeds, d.pollInterval(), d.fetchTimeout(), d.maxBodyBytes(), d.userAgent(), "posts raw", d.statusTopic()))
        .hasMessageStartingWith("rawTopic");
    assertThatThrownBy(() -> new ProducerSettings(feeds, d.pollInterval(), d.fetchTimeout(), d.maxBodyBytes(), d.userAgent(), d.rawTopic(), d.rawTopic()))
        .hasMessageContaining("statusTopic");
    assertThatThrownBy(() -> d.toBuilder().maxEntryBytes(1000).build()).hasMessageStartingWith("max-entry-size");
  }

  @Test
  void feedsWithTheSameIdAreRefusedNamingBothUrls() {
    List<FeedSource> clash = List.of(
        new FeedSource("news", URI.create("https://a.example/feed")), new FeedSource("news", URI.create("https://b.example/feed")));

    assertThatThrownBy(() -> ProducerSettings.defaults(clash))
        .hasMessageContaining("'news'")
        .hasMessageContaining("https://a.example/feed")
        .hasMessageContaining("https://b.example/feed");
  }

  @Test
  void builderStartsFromTheDefaultsAndToBuilderKeepsEverySetting() {
    ProducerSettings managed = ProducerSettings.builder()
        .feeds(feeds)
        .managedFeeds(true)
        .groupId("producers")
        .stateTopic("feeds.state")
        .maxEntriesPerFetch(50)
        .build();

    assertThat(ProducerSettings.builder().feeds(feeds).build()).isEqualTo(ProducerSettings.defaults(feeds));
    assertThat(managed.toBuilder().build()).isEqualTo(managed);
    assertThat(managed.toBuilder().staticFeeds(feeds).build().managedFeeds()).isFalse();
    assertThat(managed.toBuilder().rawTopic("raw").build())
        .isEqualTo(new ProducerSettings(feeds, managed.fetch(), managed.schedule(), 50, true, "producers", "raw", "feeds.status",
            "feeds.state", "feeds.config", managed.maxEntryBytes()));
  }

  @Test
  void builderRefusesInvalidSettingsNamingTheSetting() {
    assertThatThrownBy(() -> ProducerSettings.builder().build()).hasMessageStartingWith("feeds:");
    assertThatThrownBy(() -> ProducerSettings.builder().feeds(feeds).maxEntriesPerFetch(0).build())
        .hasMessageStartingWith("max-entries-per-fetch");
    assertThatThrownBy(() -> ProducerSettings.builder().feeds(feeds).groupId(" ").build()).hasMessageStartingWith("group-id");
    assertThatThrownBy(() -> ProducerSettings.builder().feeds(feeds).stateTopic("feeds state").build())
        .hasMessageStartingWith("stateTopic");
  }
}

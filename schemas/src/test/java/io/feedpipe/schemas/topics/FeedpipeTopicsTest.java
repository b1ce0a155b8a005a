package io.feedpipe.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedpipeTopicsTest {

  private static FeedpipeTopics news() {
    return new FeedpipeTopics("news.", 3, Optional.empty(), Duration.ofDays(7), List.of("rust"));
  }

  @Test
  void withoutPrefixNamesAreTheBaseNames() {
    FeedpipeTopics topics = FeedpipeTopics.defaults(List.of("rust"));
    assertThat(topics.prefix()).isEmpty();
    assertThat(List.of(topics.raw(), topics.clean(), topics.updates(), topics.dlq(), topics.status(), topics.feedsConfig(),
        topics.feedsState(), topics.feedsHealth(), topics.route("rust")))
        .containsExactly("posts.raw", "posts.clean", "posts.updates", "posts.dlq", "feeds.status", "feeds.config",
            "feeds.state", "feeds.health", "posts.route.rust");
  }

  @Test
  void prefixGoesBeforeEveryName() {
    FeedpipeTopics topics = news();
    assertThat(List.of(topics.raw(), topics.clean(), topics.updates(), topics.dlq(), topics.status(), topics.feedsConfig(),
        topics.feedsState(), topics.feedsHealth(), topics.reprocess(), topics.route("rust")))
        .containsExactly("news.posts.raw", "news.posts.clean", "news.posts.updates", "news.posts.dlq", "news.feeds.status",
            "news.feeds.config", "news.feeds.state", "news.feeds.health", "news.posts.reprocess", "news.posts.route.rust");
  }

  @Test
  void everyCreatedTopicCarriesThePrefix() {
    assertThat(news().all()).extracting(TopicSpec::name).allMatch(name -> name.startsWith("news."))
        .contains("news.posts.route.rust", "news.posts.reprocess").hasSize(10);
  }

  @Test
  void feedsHealthIsCreatedCompacted() {
    assertThat(news().all()).filteredOn(spec -> spec.name().equals("news.feeds.health")).singleElement()
        .satisfies(spec -> assertThat(spec.compacted()).isTrue());
    assertThat(news().resolve("feeds.health")).isEqualTo("news.feeds.health");
  }

  @Test
  void resolvePrefixesBaseNamesAndKeepsOtherNamesAsGiven() {
    FeedpipeTopics topics = news();
    assertThat(topics.resolve("posts.clean")).isEqualTo("news.posts.clean");
    assertThat(topics.resolve(" feeds.status ")).isEqualTo("news.feeds.status");
    assertThat(topics.resolve("posts.route.rust")).isEqualTo("news.posts.route.rust");
    assertThat(topics.resolve("news.posts.clean")).isEqualTo("news.posts.clean");
    assertThat(topics.resolve("my-replay-copy")).isEqualTo("my-replay-copy");
    assertThat(topics.resolve("posts.route.")).isEqualTo("posts.route.");
    assertThat(topics.resolve(null)).isNull();
  }

  @Test
  void baseNameStripsThePrefix() {
    assertThat(news().baseName("news.posts.clean")).isEqualTo("posts.clean");
    assertThat(news().baseName("other.posts.clean")).isEqualTo("other.posts.clean");
  }

  @Test
  void refusesPrefixWithCharactersKafkaDoesNotAllow() {
    assertThatThrownBy(() -> news().withPrefix("news/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topics.prefix 'news/'");
    assertThatThrownBy(() -> news().withPrefix("a b."))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topics.prefix");
  }

  @Test
  void refusesOverlongPrefix() {
    assertThatThrownBy(() -> news().withPrefix("x".repeat(FeedpipeTopics.MAX_PREFIX_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topics.prefix must be at most");
  }

  @Test
  void nullPrefixMeansNone() {
    assertThat(news().withPrefix(null).clean()).isEqualTo("posts.clean");
  }
}

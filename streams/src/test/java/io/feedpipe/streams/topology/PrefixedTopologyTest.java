package io.feedpipe.streams.topology;

import static io.feedpipe.streams.topology.FeedpipeTopologyTest.T0;
import static io.feedpipe.streams.topology.FeedpipeTopologyTest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.route.Condition;
import io.feedpipe.streams.route.RouteRule;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With topics.prefix set, the topology reads and writes only prefixed topics (explicit route topics aside). */
class PrefixedTopologyTest {

  @TempDir Path stateDir;

  private StreamsSettings prefixed(String prefix, List<RouteRule> routes) {
    StreamsSettings defaults = StreamsSettings.defaults(routes, stateDir);
    FeedpipeTopics topics = defaults.topics().withPrefix(prefix);
    return new StreamsSettings(StreamsSettings.defaultApplicationId(prefix), topics, CleanerConfig.defaults(), routes,
        defaults.dedupeRetention(), 1, stateDir, defaults.rocksDbMemory(), defaults.maxPostSize());
  }

  private static List<RouteRule> routes() {
    return List.of(
        new RouteRule("ai", Set.of(), Set.of("AI"), null),
        new RouteRule("linkposts", "linkposts-of-my-own", new RouteRule("x", Set.of(), Set.of(), Pattern.compile("^\\[Linkpost\\]")).when()));
  }

  @Test
  void everySourceAndSinkTopicCarriesThePrefixButAnExplicitRouteTopic() {
    StreamsSettings settings = prefixed("news.", routes());
    Set<String> topics = new HashSet<>();
    for (TopologyDescription.Subtopology sub : FeedpipeTopology.build(settings).describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source) {
          topics.addAll(source.topicSet());
        }
        if (node instanceof TopologyDescription.Sink sink) {
          topics.add(sink.topic());
        }
      }
    }
    assertThat(topics).containsExactlyInAnyOrder("news.posts.raw", "news.posts.reprocess", "news.posts.clean", "news.posts.updates",
        "news.posts.dlq", "news.posts.route.ai", "linkposts-of-my-own", "news.feeds.status", "news.feeds.health");
    assertThat(StreamsProperties.of(settings, "unused:9092", Map.of()))
        .containsEntry("errors.dead.letter.queue.topic.name", "news.posts.dlq")
        .containsEntry("application.id", "news.feedpipe-streams");
    assertThat(settings.allTopics()).extracting(spec -> spec.name())
        .contains("news.posts.route.ai", "linkposts-of-my-own", "news.feeds.config").doesNotContain("posts.clean");
  }

  @Test
  void postsFlowFromPrefixedRawToPrefixedCleanAndRoutes() {
    StreamsSettings settings = prefixed("news.", routes());
    try (var driver = new TopologyTestDriver(FeedpipeTopology.build(settings), StreamsProperties.of(settings, "unused:9092", Map.of()), T0)) {
      var raw = driver.createInputTopic("news.posts.raw", new StringSerializer(), AvroSerdes.serializer(FetchedPost.class));
      FetchedPost post = post("a1", "[Linkpost] Hello", "<p>Fine.</p>", T0);
      raw.pipeInput(post.getPostId(), post, T0);
      var keys = new StringDeserializer();
      var values = AvroSerdes.deserializer(CleanPost.class);
      assertThat(driver.createOutputTopic("news.posts.clean", keys, values).readKeyValuesToMap()).containsOnlyKeys("lesswrong:a1");
      assertThat(driver.createOutputTopic("news.posts.route.ai", keys, values).readKeyValuesToMap()).containsOnlyKeys("lesswrong:a1");
      assertThat(driver.createOutputTopic("linkposts-of-my-own", keys, values).readKeyValuesToMap()).containsOnlyKeys("lesswrong:a1");
      assertThat(driver.producedTopicNames()).allMatch(t -> t.startsWith("news.") || t.equals("linkposts-of-my-own"));
    }
  }

  @Test
  void routeToAPrefixedOwnTopicIsRefused() {
    Condition any = new RouteRule("x", Set.of(), Set.of("AI"), null).when();
    assertThatThrownBy(() -> prefixed("news.", List.of(new RouteRule("bad", "news.posts.clean", any))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one of feedpipe's own topics");
  }

  @Test
  void applicationIdDefaultTakesThePrefix() {
    assertThat(StreamsSettings.defaultApplicationId("")).isEqualTo("feedpipe-streams");
    assertThat(StreamsSettings.defaultApplicationId("news.")).isEqualTo("news.feedpipe-streams");
    assertThat(Optional.of(prefixed("", routes()).topics().clean())).contains("posts.clean");
  }
}

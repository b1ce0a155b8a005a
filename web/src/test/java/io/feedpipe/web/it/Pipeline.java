package io.feedpipe.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.ops.lag.CatchUp;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.AddressPolicy;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.streams.StreamsApp;
import io.feedpipe.streams.route.RouteRule;
import io.feedpipe.streams.topology.StreamsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * feedpipe's real pipeline (the producer and the Streams app, as {@code ./feedpipe run} wires them)
 * under a topics prefix of its own: polls the given feeds once and returns when posts.raw is processed.
 */
final class Pipeline {
  static final List<RouteRule> ROUTES = List.of(
      new RouteRule("linkposts", Set.of(), Set.of(), Pattern.compile("^\\[Linkpost\\]")),
      new RouteRule("papers", Set.of(), Set.of(), Pattern.compile("^\\[Paper\\]")));

  private Pipeline() {}

  static FeedpipeTopics topics(String prefix) {
    return FeedpipeTopics.defaults(ROUTES.stream().map(RouteRule::name).toList()).withPrefix(prefix);
  }

  static Map<String, String> routeTopics(String prefix) {
    Map<String, String> routes = new LinkedHashMap<>();
    ROUTES.forEach(rule -> routes.put(rule.name(), topics(prefix).route(rule.name())));
    return routes;
  }

  static void runOnce(String bootstrap, String prefix, Path stateDir, List<FeedSource> feeds) throws Exception {
    run(bootstrap, prefix, stateDir, feeds, List.of(() -> { }));
  }

  /** Polls all feeds once per round, after running the round (which may change what is served). */
  static void run(String bootstrap, String prefix, Path stateDir, List<FeedSource> feeds, List<Runnable> rounds) throws Exception {
    FeedpipeTopics topics = topics(prefix);
    StreamsSettings settings = StreamsSettings.defaults(ROUTES, stateDir).withTopics(topics)
        .with(StreamsSettings.defaultApplicationId(prefix), StreamsSettings.DEFAULT_DEDUPE_RETENTION, 1);
    ProducerSettings defaults = ProducerSettings.defaults(feeds);
    ProducerSettings producerSettings = defaults.toBuilder().fetch(defaults.fetch().withAddresses(AddressPolicy.allowingLoopback()))
        .rawTopic(topics.raw()).statusTopic(topics.status()).stateTopic(topics.feedsState()).configTopic(topics.feedsConfig())
        .groupId(prefix + "feedpipe-producer").build();
    try (StreamsApp streams = StreamsApp.start(settings, bootstrap, Map.of());
        FeedProducer producer = new FeedProducer(producerSettings, Map.of("bootstrap.servers", bootstrap))) {
      assertThat(streams.awaitRunning(Duration.ofSeconds(90))).as("streams running").isTrue();
      for (Runnable round : rounds) {
        round.run();
        producer.pollAllOnce();
      }
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        assertThat(CatchUp.await(admin, settings.applicationId(), topics.raw(), Duration.ofMinutes(2)))
            .as("streams app processed %s", topics.raw()).isTrue();
      }
    }
  }

  static FeedSource feed(String id, String url) {
    return new FeedSource(id, URI.create(url));
  }
}

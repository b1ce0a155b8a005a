package io.feedpipe.streams.topology;

import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.route.RouteRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything the Streams app needs, validated once at start.
 *
 * @param applicationId Kafka Streams application.id: names the consumer group, the state directory
 *     and the internal topics; change it only to start over from scratch
 * @param topics topic names and how they are created
 * @param cleaner boilerplate rules and excerpt length
 * @param routes routing rules; each also gets its topic posts.route.&lt;name&gt;
 * @param dedupeRetention how long a post id is remembered after it was last seen (default 30 days);
 *     bounds the dedupe store. A post that comes back after that is treated as new
 * @param threads stream threads (default 1; more only help with more partitions and cores)
 * @param stateDir where RocksDB keeps the dedupe store; rebuilt from its changelog when lost
 */
public record StreamsSettings(
    String applicationId,
    FeedpipeTopics topics,
    CleanerConfig cleaner,
    List<RouteRule> routes,
    Duration dedupeRetention,
    int threads,
    Path stateDir) {

  public static final String DEFAULT_APPLICATION_ID = "feedpipe-streams";
  public static final Duration DEFAULT_DEDUPE_RETENTION = Duration.ofDays(30);

  public StreamsSettings {
    Objects.requireNonNull(applicationId, "applicationId");
    if (!applicationId.matches("[a-zA-Z0-9._-]+")) {
      throw new IllegalArgumentException("streams.application-id '" + applicationId + "' may hold only letters, digits, '.', '_' and '-'");
    }
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(cleaner, "cleaner");
    routes = List.copyOf(routes);
    var names = new HashSet<String>();
    for (RouteRule rule : routes) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("routes: the name '" + rule.name() + "' is used by two rules");
      }
    }
    if (!new HashSet<>(topics.routeNames()).equals(names)) {
      throw new IllegalArgumentException("topics.routeNames " + topics.routeNames() + " must name exactly the routes " + names);
    }
    if (dedupeRetention == null || dedupeRetention.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("streams.dedupe-retention must be at least PT1M, got " + dedupeRetention);
    }
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("streams.threads must be between 1 and 64, got " + threads);
    }
    Objects.requireNonNull(stateDir, "stateDir");
  }

  public static StreamsSettings defaults(List<RouteRule> routes, Path stateDir) {
    return new StreamsSettings(DEFAULT_APPLICATION_ID, FeedpipeTopics.defaults(routes.stream().map(RouteRule::name).toList()),
        CleanerConfig.defaults(), routes, DEFAULT_DEDUPE_RETENTION, 1, stateDir);
  }
}

package io.feedpipe.streams.topology;

import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.health.FeedHealthSettings;
import io.feedpipe.streams.route.RouteRule;
import java.nio.file.Path;
import java.time.Duration;
import io.feedpipe.schemas.topics.TopicSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the Streams app needs, validated once at start.
 *
 * @param applicationId Kafka Streams application.id: names the consumer group, the state directory
 *     and the internal topics; change it only to start over from scratch. Its default is {@link
 *     #defaultApplicationId(String) topics.prefix + feedpipe-streams}
 * @param topics topic names (with {@code topics.prefix}) and how they are created
 * @param cleaner boilerplate rules and excerpt length
 * @param routes routing rules; each also gets its topic posts.route.&lt;name&gt;
 * @param dedupeRetention how long a post id is remembered after it was last seen (default 30 days);
 *     bounds the dedupe store. A post that comes back after that is treated as new
 * @param threads stream threads (default 1; more only help with more partitions and cores)
 * @param stateDir where RocksDB keeps the dedupe store; rebuilt from its changelog when lost
 * @param rocksDbMemory bytes of memory outside the heap that RocksDB may use for the dedupe store
 *     of this process, all partitions together: block cache, memtables, index and filter blocks
 *     (default 64 MB; see {@link BoundedRocksDbMemory})
 * @param maxPostSize the largest encoded CleanPost, in bytes (default 900 KB): a post that would be
 *     larger has its html and text cut at a block boundary and is marked truncated ({@link
 *     PostSizeLimiter}). The Streams producer's max.request.size is set above it ({@link
 *     StreamsProperties}); the output topics' max.message.bytes (broker default 1 MB) must be too
 * @param health when a feed counts as DEGRADED, DEAD, STALE or FLAPPING in feeds.health ({@code
 *     health.*}, see {@link FeedHealthSettings})
 */
public record StreamsSettings(
    String applicationId,
    FeedpipeTopics topics,
    CleanerConfig cleaner,
    List<RouteRule> routes,
    Duration dedupeRetention,
    int threads,
    Path stateDir,
    long rocksDbMemory,
    long maxPostSize,
    FeedHealthSettings health) {

  public static final String DEFAULT_APPLICATION_ID = "feedpipe-streams";
  public static final Duration DEFAULT_DEDUPE_RETENTION = Duration.ofDays(30);
  public static final long DEFAULT_ROCKSDB_MEMORY = 64L * 1024 * 1024;
  public static final long DEFAULT_MAX_POST_SIZE = 900L * 1024;
  /** Below this a cut would take most ordinary posts' text (long posts are 100-200 KB of HTML). */
  public static final long MIN_MAX_POST_SIZE = 64L * 1024;
  /** Kafka's producer and broker limits are ints; leave room for key, headers and batch overhead. */
  public static final long MAX_MAX_POST_SIZE = 512L * 1024 * 1024;

  public StreamsSettings {
    Objects.requireNonNull(applicationId, "applicationId");
    if (!applicationId.matches("[a-zA-Z0-9._-]+")) {
      throw new IllegalArgumentException("streams.application-id '" + applicationId + "' may hold only letters, digits, '.', '_' and '-'");
    }
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(cleaner, "cleaner");
    routes = List.copyOf(routes);
    var names = new HashSet<String>();
    var routeTopics = new HashSet<String>();
    for (RouteRule rule : routes) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("routes: the name '" + rule.name() + "' is used by two rules");
      }
      String topic = rule.usesDefaultTopic() ? topics.route(rule.name()) : rule.topic();
      if (!routeTopics.add(topic)) {
        throw new IllegalArgumentException("route '" + rule.name() + "': topic " + topic + " is also another rule's topic");
      }
      if (topics.ownNames().contains(topic)) {
        throw new IllegalArgumentException("route '" + rule.name() + "': topic " + topic
            + " is one of feedpipe's own topics; route to a topic of its own");
      }
    }
    // The topic registry creates posts.route.<name> for the names it is given: every rule writing
    // there must be among them, and it must name no rule that does not exist.
    var defaultTopicNames = new HashSet<String>();
    routes.stream().filter(RouteRule::usesDefaultTopic).forEach(r -> defaultTopicNames.add(r.name()));
    if (!names.containsAll(topics.routeNames()) || !new HashSet<>(topics.routeNames()).containsAll(defaultTopicNames)) {
      throw new IllegalArgumentException("topics.routeNames " + topics.routeNames() + " must name the routes " + defaultTopicNames
          + " (those writing to posts.route.<name>)");
    }
    if (dedupeRetention == null || dedupeRetention.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("streams.dedupe-retention must be at least PT1M, got " + dedupeRetention);
    }
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("streams.threads must be between 1 and 64, got " + threads);
    }
    Objects.requireNonNull(stateDir, "stateDir");
    BoundedRocksDbMemory.requireBudget(rocksDbMemory);
    requireMaxPostSize(maxPostSize);
    Objects.requireNonNull(health, "health");
  }

  /** The settings before {@code health.*} existed: those take their defaults. */
  public StreamsSettings(String applicationId, FeedpipeTopics topics, CleanerConfig cleaner, List<RouteRule> routes,
      Duration dedupeRetention, int threads, Path stateDir, long rocksDbMemory, long maxPostSize) {
    this(applicationId, topics, cleaner, routes, dedupeRetention, threads, stateDir, rocksDbMemory, maxPostSize,
        FeedHealthSettings.defaults());
  }

  /** The settings before {@code streams.max-post-size} existed: that one takes its default. */
  public StreamsSettings(String applicationId, FeedpipeTopics topics, CleanerConfig cleaner, List<RouteRule> routes,
      Duration dedupeRetention, int threads, Path stateDir, long rocksDbMemory) {
    this(applicationId, topics, cleaner, routes, dedupeRetention, threads, stateDir, rocksDbMemory, DEFAULT_MAX_POST_SIZE,
        FeedHealthSettings.defaults());
  }

  /** {@code bytes} if it is a usable streams.max-post-size; else an error naming the setting. */
  public static long requireMaxPostSize(long bytes) {
    if (bytes < MIN_MAX_POST_SIZE || bytes > MAX_MAX_POST_SIZE) {
      throw new IllegalArgumentException("streams.max-post-size must be between 64KB and 512MB, got " + bytes + " bytes");
    }
    return bytes;
  }

  /** A copy with another record budget for CleanPost. */
  public StreamsSettings withMaxPostSize(long bytes) {
    return new StreamsSettings(applicationId, topics, cleaner, routes, dedupeRetention, threads, stateDir, rocksDbMemory, bytes, health);
  }

  /** A copy with other feed-health thresholds. */
  public StreamsSettings withHealth(FeedHealthSettings otherHealth) {
    return new StreamsSettings(applicationId, topics, cleaner, routes, dedupeRetention, threads, stateDir, rocksDbMemory, maxPostSize,
        otherHealth);
  }

  /** A copy with another state directory (a second instance, a fresh restore). */
  public StreamsSettings withStateDir(Path dir) {
    return new StreamsSettings(applicationId, topics, cleaner, routes, dedupeRetention, threads, dir, rocksDbMemory, maxPostSize, health);
  }

  /** A copy with other topics (another topics.prefix: benchmarks run under one of their own). */
  public StreamsSettings withTopics(FeedpipeTopics otherTopics) {
    return new StreamsSettings(applicationId, otherTopics, cleaner, routes, dedupeRetention, threads, stateDir, rocksDbMemory, maxPostSize, health);
  }

  /** A copy with another application id, retention and thread count (benchmarks and tests). */
  public StreamsSettings with(String id, Duration retention, int streamThreads) {
    return new StreamsSettings(id, topics, cleaner, routes, retention, streamThreads, stateDir, rocksDbMemory, maxPostSize, health);
  }

  /**
   * The topic {@code rule} writes to: {@code <topics.prefix>posts.route.<name>} by default, its
   * explicit {@code topic:} as written otherwise.
   */
  public String topicOf(RouteRule rule) {
    return rule.usesDefaultTopic() ? topics.route(rule.name()) : rule.topic();
  }

  /**
   * Every topic the Streams app writes, as it creates them: the registry's, plus those of rules
   * that route to a topic of their own, created like the registry's route topics.
   */
  public List<TopicSpec> allTopics() {
    List<TopicSpec> specs = new ArrayList<>(topics.all());
    Set<String> known = new HashSet<>();
    specs.forEach(s -> known.add(s.name()));
    Map<String, String> deleteAfterRetention =
        Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(topics.retention().toMillis()));
    for (RouteRule rule : routes) {
      if (known.add(topicOf(rule))) {
        specs.add(new TopicSpec(topicOf(rule), topics.partitions(), topics.replicationFactor(), deleteAfterRetention,
            "posts matching routing rule '" + rule.name() + "' (CleanPost)"));
      }
    }
    return List.copyOf(specs);
  }

  /**
   * The application.id when none is set: {@code <topics.prefix>feedpipe-streams}, so two pipelines
   * under different prefixes have their own consumer group and internal topics.
   */
  public static String defaultApplicationId(String topicsPrefix) {
    return FeedpipeTopics.requirePrefix(topicsPrefix) + DEFAULT_APPLICATION_ID;
  }

  public static StreamsSettings defaults(List<RouteRule> routes, Path stateDir) {
    return new StreamsSettings(DEFAULT_APPLICATION_ID,
        FeedpipeTopics.defaults(routes.stream().filter(RouteRule::usesDefaultTopic).map(RouteRule::name).toList()),
        CleanerConfig.defaults(), routes, DEFAULT_DEDUPE_RETENTION, 1, stateDir, DEFAULT_ROCKSDB_MEMORY,
        DEFAULT_MAX_POST_SIZE, FeedHealthSettings.defaults());
  }
}

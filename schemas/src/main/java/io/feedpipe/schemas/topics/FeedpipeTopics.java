package io.feedpipe.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of feedpipe's topics: their names and how they are created. One instance is built
 * from configuration at start and handed to every component, so names are never spelled twice.
 *
 * <p>Every name is {@code prefix} + a base name ({@code posts.raw}, {@code posts.clean}, …): with
 * {@code topics.prefix: news.} the pipeline reads {@code news.posts.raw} and writes {@code
 * news.posts.clean}, so several pipelines (or a benchmark) can share one cluster. The static
 * constants below are those unprefixed base names; components take real names from an instance
 * ({@link #raw()}, {@link #clean()}, …, {@link #resolve(String)}), never from the constants.
 *
 * <p>Keys are always the post id (posts.*) or the feed id (feeds.*), so one post's revisions stay in
 * order on one partition and compaction keeps the latest revision of each post.
 *
 * @param prefix put before every base name; empty by default. Legal Kafka topic characters only
 */
public record FeedpipeTopics(String prefix, int partitions, Optional<Short> replicationFactor, Duration retention,
    List<String> routeNames) {

  /** Base name (without {@link #prefix()}) of the raw posts topic; use {@link #raw()} for the real name. */
  public static final String RAW = "posts.raw";
  public static final String CLEAN = "posts.clean";
  public static final String UPDATES = "posts.updates";
  public static final String DLQ = "posts.dlq";
  public static final String STATUS = "feeds.status";
  /** The managed feed list (FeedConfig keyed by feed id, compacted); producers share it through a consumer group. */
  public static final String FEEDS_CONFIG = "feeds.config";
  /** Each feed's polling state (FeedState keyed by feed id, compacted): validators, error streak, schedule. */
  public static final String FEEDS_STATE = "feeds.state";
  /** Each feed's health as the Streams app judges it (FeedHealth keyed by feed id, compacted): OK, DEGRADED, DEAD, STALE, FLAPPING. */
  public static final String FEEDS_HEALTH = "feeds.health";
  /**
   * Posts to judge again with the current cleaning and routing rules (FetchedPost keyed by post id,
   * partitioned like posts.raw): written by {@code feedpipe reprocess}, read by the Streams app.
   */
  public static final String REPROCESS = "posts.reprocess";
  public static final String ROUTE_PREFIX = "posts.route.";

  /** Default partitions: enough to spread one laptop's or a small cluster's work; raise before going wide, since keys hash by partition count. */
  public static final int DEFAULT_PARTITIONS = 6;

  /** Default retention of the non-compacted topics: long enough to replay a month of history. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  /**
   * The longest prefix: Kafka names are at most 249 characters, and the prefix must leave room for
   * {@code posts.route.<rule>} and for the Streams app's internal topics named after it.
   */
  public static final int MAX_PREFIX_LENGTH = 100;

  private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]*");

  private static final List<String> BASE_NAMES = List.of(RAW, CLEAN, UPDATES, DLQ, STATUS, FEEDS_CONFIG, FEEDS_STATE, FEEDS_HEALTH,
      REPROCESS);

  public FeedpipeTopics {
    prefix = requirePrefix(prefix);
    if (partitions < 1) {
      throw new IllegalArgumentException("topics.partitions must be at least 1, got " + partitions);
    }
    if (retention == null || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("topics.retention must be a positive duration, got " + retention);
    }
    replicationFactor = replicationFactor == null ? Optional.empty() : replicationFactor;
    replicationFactor.ifPresent(rf -> {
      if (rf < 1) {
        throw new IllegalArgumentException("topics.replication-factor must be at least 1, got " + rf);
      }
    });
    routeNames = List.copyOf(routeNames);
  }

  /** The registry without a prefix: feedpipe's names as they were before topics.prefix existed. */
  public FeedpipeTopics(int partitions, Optional<Short> replicationFactor, Duration retention, List<String> routeNames) {
    this("", partitions, replicationFactor, retention, routeNames);
  }

  public static FeedpipeTopics defaults(Collection<String> routeNames) {
    return new FeedpipeTopics("", DEFAULT_PARTITIONS, Optional.empty(), DEFAULT_RETENTION, List.copyOf(routeNames));
  }

  /**
   * {@code prefix} if it is a usable topics.prefix (null counts as empty); else an error naming the
   * setting. Kafka allows letters, digits, '.', '_' and '-' in topic names.
   */
  public static String requirePrefix(String prefix) {
    if (prefix == null) {
      return "";
    }
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("topics.prefix '" + prefix
          + "' may hold only letters, digits, '.', '_' and '-' (the characters Kafka allows in topic names)");
    }
    if (prefix.length() > MAX_PREFIX_LENGTH) {
      throw new IllegalArgumentException("topics.prefix must be at most " + MAX_PREFIX_LENGTH + " characters, got "
          + prefix.length());
    }
    return prefix;
  }

  /** The base name of routing rule {@code routeName}'s default topic, without the prefix. */
  public static String routeTopic(String routeName) {
    return ROUTE_PREFIX + routeName;
  }

  /** A copy with another prefix (benchmarks run under one of their own). */
  public FeedpipeTopics withPrefix(String otherPrefix) {
    return new FeedpipeTopics(otherPrefix, partitions, replicationFactor, retention, routeNames);
  }

  /** A copy with other partitions (benchmarks). */
  public FeedpipeTopics withPartitions(int otherPartitions) {
    return new FeedpipeTopics(prefix, otherPartitions, replicationFactor, retention, routeNames);
  }

  /** Every fetched entry as the feed gave it: {@code <prefix>posts.raw}. */
  public String raw() {
    return prefix + RAW;
  }

  /** The latest cleaned revision of every post: {@code <prefix>posts.clean}. */
  public String clean() {
    return prefix + CLEAN;
  }

  /** Revisions 2, 3, … of posts already seen: {@code <prefix>posts.updates}. */
  public String updates() {
    return prefix + UPDATES;
  }

  /** Dead letters: {@code <prefix>posts.dlq}. */
  public String dlq() {
    return prefix + DLQ;
  }

  /** Posts to judge again with the current rules: {@code <prefix>posts.reprocess}. */
  public String reprocess() {
    return prefix + REPROCESS;
  }

  /** One FeedStatus per fetch: {@code <prefix>feeds.status}. */
  public String status() {
    return prefix + STATUS;
  }

  /** The managed feed list: {@code <prefix>feeds.config}. */
  public String feedsConfig() {
    return prefix + FEEDS_CONFIG;
  }

  /** Each feed's polling state: {@code <prefix>feeds.state}. */
  public String feedsState() {
    return prefix + FEEDS_STATE;
  }

  /** Each feed's health: {@code <prefix>feeds.health}. */
  public String feedsHealth() {
    return prefix + FEEDS_HEALTH;
  }

  /** The default topic of routing rule {@code routeName}: {@code <prefix>posts.route.<routeName>}. */
  public String route(String routeName) {
    return prefix + routeTopic(routeName);
  }

  /** The names of feedpipe's own fixed topics (route topics aside), prefixed. */
  public List<String> ownNames() {
    return BASE_NAMES.stream().map(base -> prefix + base).toList();
  }

  /**
   * The real name of a topic named on a command line or in a config: one of feedpipe's base names
   * ({@code posts.clean}, {@code feeds.status}, {@code posts.route.<rule>}, …) gets the prefix;
   * anything else (a name already prefixed, a topic of one's own such as a replay copy or a route's
   * explicit {@code topic:}) is used as given. Null or blank stays as it is.
   */
  public String resolve(String name) {
    if (name == null || name.isBlank()) {
      return name;
    }
    String given = name.strip();
    if (BASE_NAMES.contains(given) || (given.startsWith(ROUTE_PREFIX) && given.length() > ROUTE_PREFIX.length())) {
      return prefix + given;
    }
    return given;
  }

  /**
   * The base name of a real topic name: {@code news.posts.clean} → {@code posts.clean} under the
   * prefix {@code news.}; a name outside the prefix is returned as it is.
   */
  public String baseName(String name) {
    return !prefix.isEmpty() && name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }

  /** Every topic feedpipe writes, as it creates them. */
  public List<TopicSpec> all() {
    String retentionMs = Long.toString(retention.toMillis());
    Map<String, String> deleteAfterRetention = Map.of("cleanup.policy", "delete", "retention.ms", retentionMs);
    List<TopicSpec> specs = new ArrayList<>();
    specs.add(new TopicSpec(raw(), partitions, replicationFactor, deleteAfterRetention,
        "every fetched entry as the feed gave it (FetchedPost), repeats included"));
    // Compacted: the latest revision of every post survives forever, so a new consumer can read
    // the whole current corpus from the beginning. min.compaction.lag keeps recent revisions
    // readable for a while for consumers that lag.
    specs.add(new TopicSpec(clean(), partitions, replicationFactor,
        Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", Long.toString(Duration.ofHours(1).toMillis())),
        "the latest cleaned revision of every post (CleanPost), compacted by post id"));
    specs.add(new TopicSpec(updates(), partitions, replicationFactor, deleteAfterRetention,
        "revisions 2, 3, … of posts already seen (CleanPost)"));
    specs.add(new TopicSpec(dlq(), 1, replicationFactor, deleteAfterRetention,
        "records that could not be deserialized or processed, with the error and source topic/partition/offset in headers"));
    specs.add(new TopicSpec(status(), partitions, replicationFactor, deleteAfterRetention,
        "one FeedStatus per fetch of a feed, failures included"));
    // Compacted, never deleted by time: the feed list and each feed's polling state must survive
    // however long a feed stays unchanged.
    specs.add(new TopicSpec(feedsConfig(), partitions, replicationFactor, Map.of("cleanup.policy", "compact"),
        "the managed feed list (FeedConfig keyed by feed id; a tombstone removes a feed), shared by producer instances"));
    specs.add(new TopicSpec(feedsState(), partitions, replicationFactor, Map.of("cleanup.policy", "compact"),
        "each feed's polling state (FeedState keyed by feed id): validators, error streak, next poll"));
    // Compacted like the feed list: a feed's health must be readable however long ago it last changed.
    specs.add(new TopicSpec(feedsHealth(), partitions, replicationFactor, Map.of("cleanup.policy", "compact"),
        "each feed's health (FeedHealth keyed by feed id): OK, DEGRADED, DEAD, STALE or FLAPPING, since when and why"));
    // Partitioned like posts.raw: the Streams app reads both into the same tasks, so a post's
    // reprocess record meets the dedupe store partition that holds the post.
    specs.add(new TopicSpec(reprocess(), partitions, replicationFactor, deleteAfterRetention,
        "posts to judge again with the current cleaning and routing rules (FetchedPost keyed by post id), written by feedpipe reprocess"));
    for (String route : routeNames) {
      specs.add(new TopicSpec(route(route), partitions, replicationFactor, deleteAfterRetention,
          "posts matching routing rule '" + route + "' (CleanPost)"));
    }
    return List.copyOf(specs);
  }
}

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
 * <p>Keys are always the post id (posts.*) or the feed id (feeds.*), so one post's revisions stay in
 * order on one partition and compaction keeps the latest revision of each post.
 */
public record FeedpipeTopics(int partitions, Optional<Short> replicationFactor, Duration retention, List<String> routeNames) {

  public static final String RAW = "posts.raw";
  public static final String CLEAN = "posts.clean";
  public static final String UPDATES = "posts.updates";
  public static final String DLQ = "posts.dlq";
  public static final String STATUS = "feeds.status";
  /** The managed feed list (FeedConfig keyed by feed id, compacted); producers share it through a consumer group. */
  public static final String FEEDS_CONFIG = "feeds.config";
  /** Each feed's polling state (FeedState keyed by feed id, compacted): validators, error streak, schedule. */
  public static final String FEEDS_STATE = "feeds.state";
  public static final String ROUTE_PREFIX = "posts.route.";

  /** Default partitions: enough to spread one laptop's or a small cluster's work; raise before going wide, since keys hash by partition count. */
  public static final int DEFAULT_PARTITIONS = 6;

  /** Default retention of the non-compacted topics: long enough to replay a month of history. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  public FeedpipeTopics {
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

  public static FeedpipeTopics defaults(Collection<String> routeNames) {
    return new FeedpipeTopics(DEFAULT_PARTITIONS, Optional.empty(), DEFAULT_RETENTION, List.copyOf(routeNames));
  }

  public static String routeTopic(String routeName) {
    return ROUTE_PREFIX + routeName;
  }

  /** Every topic feedpipe writes, as it creates them. */
  public List<TopicSpec> all() {
    String retentionMs = Long.toString(retention.toMillis());
    Map<String, String> deleteAfterRetention = Map.of("cleanup.policy", "delete", "retention.ms", retentionMs);
    List<TopicSpec> specs = new ArrayList<>();
    specs.add(new TopicSpec(RAW, partitions, replicationFactor, deleteAfterRetention,
        "every fetched entry as the feed gave it (FetchedPost), repeats included"));
    // Compacted: the latest revision of every post survives forever, so a new consumer can read
    // the whole current corpus from the beginning. min.compaction.lag keeps recent revisions
    // readable for a while for consumers that lag.
    specs.add(new TopicSpec(CLEAN, partitions, replicationFactor,
        Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", Long.toString(Duration.ofHours(1).toMillis())),
        "the latest cleaned revision of every post (CleanPost), compacted by post id"));
    specs.add(new TopicSpec(UPDATES, partitions, replicationFactor, deleteAfterRetention,
        "revisions 2, 3, … of posts already seen (CleanPost)"));
    specs.add(new TopicSpec(DLQ, 1, replicationFactor, deleteAfterRetention,
        "records that could not be deserialized or processed, with the error and source topic/partition/offset in headers"));
    specs.add(new TopicSpec(STATUS, partitions, replicationFactor, deleteAfterRetention,
        "one FeedStatus per fetch of a feed, failures included"));
    // Compacted, never deleted by time: the feed list and each feed's polling state must survive
    // however long a feed stays unchanged.
    specs.add(new TopicSpec(FEEDS_CONFIG, partitions, replicationFactor, Map.of("cleanup.policy", "compact"),
        "the managed feed list (FeedConfig keyed by feed id; a tombstone removes a feed), shared by producer instances"));
    specs.add(new TopicSpec(FEEDS_STATE, partitions, replicationFactor, Map.of("cleanup.policy", "compact"),
        "each feed's polling state (FeedState keyed by feed id): validators, error streak, next poll"));
    for (String route : routeNames) {
      specs.add(new TopicSpec(routeTopic(route), partitions, replicationFactor, deleteAfterRetention,
          "posts matching routing rule '" + route + "' (CleanPost)"));
    }
    return List.copyOf(specs);
  }
}

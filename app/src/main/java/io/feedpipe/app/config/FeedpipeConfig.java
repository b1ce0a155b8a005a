package io.feedpipe.app.config;

import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.health.FeedHealthSettings;
import io.feedpipe.streams.route.RouteRule;
import io.feedpipe.streams.topology.BoundedRocksDbMemory;
import io.feedpipe.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration, after defaults, the --config file and command-line options were
 * merged and validated. Components get the part they need as their own settings record.
 *
 * @param bootstrapServers the Kafka cluster; empty means the embedded broker
 * @param producer the producer's settings, feeds included (see {@link ProducerSection})
 * @param topicsPrefix {@code topics.prefix}: put before every topic name (see {@link FeedpipeTopics})
 * @param routes the routing rules (see {@link RoutesSection})
 * @param cleaner boilerplate rules and excerpt length (see {@link CleanerSection})
 * @param health when a feed is DEGRADED, DEAD, STALE or FLAPPING in feeds.health (see {@link HealthSection})
 */
public record FeedpipeConfig(
    Optional<String> bootstrapServers,
    Map<String, String> kafkaProperties,
    int brokerPort,
    Path dataDir,
    ProducerSettings producer,
    String applicationId,
    int streamThreads,
    Duration dedupeRetention,
    long rocksDbMemory,
    long maxPostSize,
    int partitions,
    Optional<Short> replicationFactor,
    Duration retention,
    String topicsPrefix,
    List<RouteRule> routes,
    CleanerConfig cleaner,
    FeedHealthSettings health) {

  public FeedpipeConfig {
    kafkaProperties = Map.copyOf(kafkaProperties);
    routes = List.copyOf(routes);
    java.util.Objects.requireNonNull(health, "health");
    topicsPrefix = FeedpipeTopics.requirePrefix(topicsPrefix);
    BoundedRocksDbMemory.requireBudget(rocksDbMemory); // checked at load, though StreamsSettings is made later
    StreamsSettings.requireMaxPostSize(maxPostSize);
  }

  public boolean embeddedBroker() {
    return bootstrapServers.isEmpty();
  }

  public FeedpipeTopics topics() {
    // posts.route.<name> for the rules writing there; the Streams app creates other rules' topics.
    return new FeedpipeTopics(topicsPrefix, partitions, replicationFactor, retention,
        routes.stream().filter(RouteRule::usesDefaultTopic).map(RouteRule::name).toList());
  }

  public StreamsSettings streamsSettings() {
    return new StreamsSettings(applicationId, topics(), cleaner, routes, dedupeRetention, streamThreads,
        dataDir.resolve("streams"), rocksDbMemory, maxPostSize, health);
  }

  public Path brokerDataDir() {
    return dataDir.resolve("kafka");
  }

  /** A copy with the given overrides (null: keep). */
  public FeedpipeConfig with(Optional<String> servers, Integer port, Path dir, ProducerSettings producerSettings) {
    return new FeedpipeConfig(servers != null ? servers : bootstrapServers, kafkaProperties, port != null ? port : brokerPort,
        dir != null ? dir : dataDir, producerSettings != null ? producerSettings : producer, applicationId, streamThreads,
        dedupeRetention, rocksDbMemory, maxPostSize, partitions, replicationFactor, retention, topicsPrefix, routes, cleaner, health);
  }
}

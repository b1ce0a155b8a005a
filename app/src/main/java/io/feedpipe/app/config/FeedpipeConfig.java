package io.feedpipe.app.config;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.route.RouteRule;
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
 * @param bootstrapServers the Kafka cluster; empty means start the embedded broker
 */
public record FeedpipeConfig(
    Optional<String> bootstrapServers,
    Map<String, String> kafkaProperties,
    int brokerPort,
    Path dataDir,
    List<FeedSource> feeds,
    Duration pollInterval,
    Duration fetchTimeout,
    long maxBodyBytes,
    String userAgent,
    String applicationId,
    int streamThreads,
    Duration dedupeRetention,
    int partitions,
    Optional<Short> replicationFactor,
    Duration retention,
    List<RouteRule> routes) {

  public FeedpipeConfig {
    kafkaProperties = Map.copyOf(kafkaProperties);
    feeds = List.copyOf(feeds);
    routes = List.copyOf(routes);
  }

  public boolean embeddedBroker() {
    return bootstrapServers.isEmpty();
  }

  public FeedpipeTopics topics() {
    return new FeedpipeTopics(partitions, replicationFactor, retention, routes.stream().map(RouteRule::name).toList());
  }

  public ProducerSettings producerSettings() {
    return new ProducerSettings(feeds, pollInterval, fetchTimeout, maxBodyBytes, userAgent, FeedpipeTopics.RAW, FeedpipeTopics.STATUS);
  }

  public StreamsSettings streamsSettings() {
    return new StreamsSettings(applicationId, topics(), CleanerConfig.defaults(), routes, dedupeRetention, streamThreads,
        dataDir.resolve("streams"));
  }

  public Path brokerDataDir() {
    return dataDir.resolve("kafka");
  }

  public FeedpipeConfig withBootstrapServers(String servers) {
    return new FeedpipeConfig(Optional.of(servers), kafkaProperties, brokerPort, dataDir, feeds, pollInterval, fetchTimeout,
        maxBodyBytes, userAgent, applicationId, streamThreads, dedupeRetention, partitions, replicationFactor, retention, routes);
  }
}

package io.feedpipe.bench.support;

import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.streams.topology.StreamsSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What a benchmark takes from feedpipe's configuration. The command resolves the configuration
 * (defaults, --config file, options) and hands the harness this record, so the harness never
 * depends on the command line or on how configuration is loaded.
 *
 * @param bootstrapServers the Kafka cluster to run on; empty: an embedded broker in a temporary
 *     directory on a free port
 * @param kafkaProperties kafka.properties: client settings (security, timeouts) that every producer,
 *     consumer, admin client and Streams app of the run gets
 * @param streams the Streams app's settings: topics (partitions, replication factor, retention),
 *     routes, dedupe retention, stream threads, RocksDB memory
 * @param producer the producer's settings: the fetch policy and schedule a run starts from
 */
public record BenchSettings(
    Optional<String> bootstrapServers, Map<String, String> kafkaProperties, StreamsSettings streams, ProducerSettings producer) {

  public BenchSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    kafkaProperties = Map.copyOf(kafkaProperties);
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(producer, "producer");
  }

  /** The client settings for the cluster at {@code servers}: kafka.properties with those bootstrap servers. */
  public Map<String, Object> clientProperties(String servers) {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
    return props;
  }
}

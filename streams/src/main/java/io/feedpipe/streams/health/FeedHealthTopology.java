package io.feedpipe.streams.health;

import io.feedpipe.schemas.FeedHealth;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The feed-health sub-topology, added to the Streams app's topology beside dedupe and clean:
 *
 * <pre>
 * feeds.status ─► feed-health (store feed-health, wall-clock checks) ─► feeds.health (compacted)
 * </pre>
 *
 * It shares nothing with the posts' sub-topology (its own source, store and sink, so its own
 * tasks). The store is in memory, backed by its changelog ({@code <application id>-feed-health-changelog}):
 * one small record per feed, so RocksDB would only add files and memory.
 */
public final class FeedHealthTopology {

  /** The health store's name, for interactive queries ({@link FeedHealthCounts}). */
  public static final String STORE = "feed-health";

  static final String SOURCE = "read-status";
  static final String PROCESSOR = "feed-health";
  static final String SINK = "write-health";

  private FeedHealthTopology() {}

  /** Adds the sub-topology reading {@code topics.status()} and writing {@code topics.feedsHealth()} to {@code topology}. */
  public static void addTo(Topology topology, FeedpipeTopics topics, FeedHealthSettings settings) {
    Serde<String> keys = Serdes.String();
    Serde<FeedHealth> healthSerde = AvroSerdes.serde(FeedHealth.class);
    FeedHealthRules rules = new FeedHealthRules(settings);
    topology.addSource(SOURCE, keys.deserializer(), AvroSerdes.serde(FeedStatus.class).deserializer(), topics.status());
    topology.addProcessor(PROCESSOR, () -> new FeedHealthProcessor(rules), SOURCE);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), keys, healthSerde), PROCESSOR);
    topology.addSink(SINK, topics.feedsHealth(), keys.serializer(), healthSerde.serializer(), PROCESSOR);
  }
}

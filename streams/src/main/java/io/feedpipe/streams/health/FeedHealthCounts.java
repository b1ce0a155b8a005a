package io.feedpipe.streams.health;

import io.feedpipe.schemas.FeedHealth;
import io.feedpipe.schemas.HealthState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How many feeds are in each health state, for metrics: a snapshot of this process's part of the
 * health store (the feeds of the partitions it holds), every state present with 0 when none.
 * Summed over the Streams app's instances it is the pipeline's count; a feed is never in two
 * instances' counts at once, except for a moment around a rebalance.
 *
 * <p>Read on demand ({@link #from(KafkaStreams)}) rather than pushed from the stream thread: a
 * scrape scans one small record per feed, and nothing is shared with the processor.
 *
 * @param byState feeds per state, UNKNOWN included (records from a newer feedpipe)
 */
public record FeedHealthCounts(Map<HealthState, Long> byState) {

  public FeedHealthCounts {
    EnumMap<HealthState, Long> all = new EnumMap<>(HealthState.class);
    for (HealthState s : HealthState.values()) {
      all.put(s, byState.getOrDefault(s, 0L));
    }
    byState = Collections.unmodifiableMap(all);
  }

  /** No feed at all (also what a process shows while its health store is not queryable). */
  public static FeedHealthCounts none() {
    return new FeedHealthCounts(Map.of());
  }

  public long of(HealthState state) {
    return byState.get(state);
  }

  public long total() {
    return byState.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Counts the feeds of one store (or of the composite view over a process's stores). */
  public static FeedHealthCounts of(ReadOnlyKeyValueStore<String, FeedHealth> store) {
    EnumMap<HealthState, Long> counts = new EnumMap<>(HealthState.class);
    try (KeyValueIterator<String, FeedHealth> all = store.all()) {
      all.forEachRemaining(entry -> counts.merge(entry.value.getState(), 1L, Long::sum));
    }
    return new FeedHealthCounts(counts);
  }

  /**
   * Counts on demand from a running app's health store. While the app rebalances (its store cannot
   * be queried for a moment) the last counts read are returned, so a gauge does not drop to zero;
   * otherwise a store that cannot be queried means this instance holds no part of it (the task
   * moved to another instance, or more instances than partitions), and the counts are none, so
   * that the sum over instances does not count a feed twice.
   */
  public static Supplier<FeedHealthCounts> from(KafkaStreams streams) {
    return from(() -> streams.store(StoreQueryParameters.fromNameAndType(FeedHealthTopology.STORE, QueryableStoreTypes.keyValueStore())),
        () -> streams.state() == KafkaStreams.State.REBALANCING);
  }

  /**
   * Counts on demand from whatever store {@code stores} gives at the time; the last counts read
   * while it throws {@link InvalidStateStoreException}.
   */
  public static Supplier<FeedHealthCounts> from(Supplier<ReadOnlyKeyValueStore<String, FeedHealth>> stores) {
    return from(stores, () -> true);
  }

  /** As {@link #from(Supplier)}, keeping the last counts only while {@code keepLast} holds (none otherwise). */
  static Supplier<FeedHealthCounts> from(Supplier<ReadOnlyKeyValueStore<String, FeedHealth>> stores, BooleanSupplier keepLast) {
    AtomicReference<FeedHealthCounts> last = new AtomicReference<>(none());
    return () -> {
      try {
        FeedHealthCounts counts = of(stores.get());
        last.set(counts);
        return counts;
      } catch (InvalidStateStoreException e) {
        return keepLast.getAsBoolean() ? last.get() : none();
      }
    };
  }
}

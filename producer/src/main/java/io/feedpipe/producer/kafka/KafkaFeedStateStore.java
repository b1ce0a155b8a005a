package io.feedpipe.producer.kafka;

import io.feedpipe.producer.ProducerThreads;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.producer.state.FeedRecords;
import io.feedpipe.producer.state.FeedStateStore;
import io.feedpipe.schemas.FeedState;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each feed's {@link FeedPollState} in the compacted {@code feeds.state} topic, keyed by feed id:
 * conditional-GET validators, error streak and schedule survive restarts, and move with a feed
 * when another producer instance takes it over.
 *
 * <p>A {@link CompactedTopicReader} thread reads the whole topic (all partitions, no consumer
 * group) and keeps following it, so every instance knows every feed's latest state; {@link #awaitCaughtUp} waits
 * until it has read what was written before the call (an instance taking over feeds calls it so
 * it does not poll them again ahead of schedule). Writes go through the producer's own Kafka
 * producer and update the local view at once. A state read from the topic replaces the local one
 * only if it is not older (by its poll time), so our own earlier writes read back late do not
 * undo later ones.
 */
public final class KafkaFeedStateStore implements FeedStateStore, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaFeedStateStore.class);

  private final String topic;
  private final Producer<String, SpecificRecordBase> producer;
  private final CompactedTopicReader reader;
  private final Deserializer<FeedState> values = AvroSerdes.deserializer(FeedState.class);
  private final Map<String, FeedPollState> states = new ConcurrentHashMap<>();
  private final Consumer<String, byte[]> consumer;
  private volatile CompletableFuture<Void> loaded;
  private volatile BiConsumer<String, Throwable> onFatal = (thread, cause) -> {};

  KafkaFeedStateStore(String topic, Map<String, Object> clientProperties, Producer<String, SpecificRecordBase> producer) {
    this(topic, CompactedTopicReader.consumer(clientProperties, "feedpipe-producer-state"), producer);
  }

  /** For tests: any consumer (e.g. a MockConsumer). */
  KafkaFeedStateStore(String topic, Consumer<String, byte[]> consumer, Producer<String, SpecificRecordBase> producer) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.reader = new CompactedTopicReader(topic, consumer, this::apply);
  }

  void start() {
    loaded = reader.follow(ProducerThreads.STATE_READER, (thread, cause) -> onFatal.accept(thread, cause));
  }

  /** Whether the topic as it was at {@link #start()} has been read (the readiness of the producer). */
  boolean caughtUp() {
    CompletableFuture<Void> f = loaded;
    return f != null && f.isDone() && !f.isCompletedExceptionally();
  }

  /** The reader's consumer, for its client metrics. */
  Consumer<String, byte[]> consumer() {
    return consumer;
  }

  /** Who is told (thread name, cause) when the reader dies; set before {@link #start()}. */
  void onFatal(BiConsumer<String, Throwable> listener) {
    this.onFatal = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public FeedPollState get(String feedId, String feedUrl) {
    return FeedStateStore.savedIfSameUrl(states.get(feedId), feedUrl);
  }

  @Override
  public void put(String feedId, FeedPollState state) {
    states.put(feedId, state);
    send(feedId, FeedRecords.toAvro(feedId, state));
  }

  @Override
  public void remove(String feedId) {
    states.remove(feedId);
    send(feedId, null); // tombstone: compaction forgets the feed
  }

  /** Every feed's state as read so far. */
  public Map<String, FeedPollState> all() {
    return Map.copyOf(states);
  }

  private void send(String feedId, FeedState value) {
    try {
      producer.send(new ProducerRecord<>(topic, feedId, value), (metadata, error) -> {
        if (error != null) {
          log.warn("state of feed {} not saved to {}: {} (it is kept in memory; the feed may be fetched in full after a restart)",
              feedId, topic, error.getMessage());
        }
      });
    } catch (RuntimeException e) {
      log.warn("state of feed {} not saved to {}: {}", feedId, topic, e.getMessage());
    }
  }

  /**
   * Waits until the state written before this call has been read.
   *
   * @return false when that took longer than {@code timeout}
   */
  public boolean awaitCaughtUp(Duration timeout) {
    if (!reader.isFollowing()) {
      return false;
    }
    try {
      reader.catchUp().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    String feedId = record.key();
    if (feedId == null) {
      return;
    }
    if (record.value() == null) {
      states.remove(feedId);
      return;
    }
    FeedPollState read;
    try {
      read = FeedRecords.fromAvro(values.deserialize(record.topic(), record.value()));
    } catch (RuntimeException e) {
      log.warn("{} offset {}: unreadable state of feed {} skipped: {}", record.topic(), record.offset(), feedId, e.getMessage());
      return;
    }
    states.merge(feedId, read, (current, incoming) -> older(incoming.lastPollAt(), current.lastPollAt()) ? current : incoming);
  }

  private static boolean older(Instant a, Instant b) {
    return a != null && b != null && a.isBefore(b) || a == null && b != null;
  }

  @Override
  public void close() {
    reader.close();
  }
}

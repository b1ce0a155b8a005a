package io.feedpipe.producer.kafka;

import io.feedpipe.producer.ProducerThreads;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.producer.state.FeedRecords;
import io.feedpipe.producer.state.FeedStateStore;
import io.feedpipe.schemas.FeedState;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each feed's {@link FeedPollState} in the compacted {@code feeds.state} topic, keyed by feed id:
 * conditional-GET validators, error streak and schedule survive restarts, and move with a feed
 * when another producer instance takes it over.
 *
 * <p>A background thread reads the whole topic (all partitions, no consumer group) and keeps
 * following it, so every instance knows every feed's latest state; {@link #awaitCaughtUp} waits
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
  private final Consumer<String, byte[]> consumer;
  private final Deserializer<FeedState> values = AvroSerdes.deserializer(FeedState.class);
  private final Map<String, FeedPollState> states = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
  private final Thread reader;
  private volatile boolean closed;
  private volatile boolean stopped; // the reader has ended: set before its waiters are released
  private volatile BiConsumer<String, Throwable> onFatal = (thread, cause) -> {};

  KafkaFeedStateStore(String topic, Map<String, Object> clientProperties, Producer<String, SpecificRecordBase> producer) {
    this(topic, newConsumer(clientProperties), producer);
  }

  private static KafkaConsumer<String, byte[]> newConsumer(Map<String, Object> clientProperties) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "feedpipe-producer-state");
    config.remove(ConsumerConfig.GROUP_ID_CONFIG); // reads everything, joins no group
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** For tests: any consumer (e.g. a MockConsumer). */
  KafkaFeedStateStore(String topic, Consumer<String, byte[]> consumer, Producer<String, SpecificRecordBase> producer) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.reader = ProducerThreads.newThread(ProducerThreads.STATE_READER, this::follow);
  }

  void start() {
    if (!reader.isAlive() && !closed) {
      reader.start();
    }
  }

  /** Who is told (thread name, cause) when the reader dies; set before {@link #start()}. */
  void onFatal(BiConsumer<String, Throwable> listener) {
    this.onFatal = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public FeedPollState get(String feedId, String feedUrl) {
    FeedPollState state = states.get(feedId);
    return state != null && Objects.equals(state.feedUrl(), feedUrl) ? state : FeedPollState.initial(feedUrl);
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
    if (!reader.isAlive()) {
      return false;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    catchUpRequests.add(done); // the reader polls every 200 ms and picks it up
    if (stopped) {
      done.completeExceptionally(new IllegalStateException("state reader stopped")); // it may have missed the request
    }
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void follow() {
    Map<TopicPartition, Long> target = null;
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!closed) {
        if (target == null && !catchUpRequests.isEmpty()) {
          for (CompletableFuture<Void> f; (f = catchUpRequests.poll()) != null; ) {
            waiting.add(f);
          }
          target = consumer.endOffsets(partitions);
        }
        try {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            apply(record);
          }
        } catch (WakeupException e) {
          // a catch-up request or close(): loop
        }
        if (target != null && reached(target)) {
          waiting.forEach(f -> f.complete(null));
          waiting.clear();
          target = null;
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (Throwable e) { // Errors too: a dead reader must not leave a producer that silently forgets state
      if (!closed) {
        log.error("thread {}: reading {} failed: {}", reader.getName(), topic, e.toString(), e);
        onFatal.accept(reader.getName(), e);
      }
    } finally {
      stopped = true;
      waiting.forEach(f -> f.completeExceptionally(new IllegalStateException("state reader stopped")));
      catchUpRequests.forEach(f -> f.completeExceptionally(new IllegalStateException("state reader stopped")));
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean reached(Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
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
    closed = true;
    consumer.wakeup();
    try {
      reader.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

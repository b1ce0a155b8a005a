package io.feedpipe.producer.kafka;

import io.feedpipe.producer.ProducerThreads;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.state.FeedRecords;
import io.feedpipe.schemas.FeedConfig;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The share of the managed feed list ({@code feeds.config}) this producer instance polls. Every
 * instance joins one consumer group on the topic; Kafka assigns each partition — and so each feed,
 * keyed by its id — to exactly one instance. When an instance joins, leaves or dies, the group
 * rebalances: revoked feeds are dropped here (after their polls in flight finished and their state
 * was written), assigned partitions are read again from their beginning (the topic is compacted:
 * that is the current list of their feeds). Offsets are never committed: the list is always read
 * whole. Runs its own thread; tells the {@link Listener}.
 */
final class ManagedFeedList implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagedFeedList.class);

  interface Listener {
    /** Called before the feeds of newly assigned partitions arrive: catch up with their state. */
    void assigning();

    void upserted(FeedSource feed);

    /** The feed was removed from the list (a tombstone). */
    void deleted(String feedId);

    /** These feeds now belong to another instance: stop polling them; return once their polls in flight ended. */
    void revoked(Collection<String> feedIds);
  }

  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Listener listener;
  private final Deserializer<FeedConfig> values = AvroSerdes.deserializer(FeedConfig.class);
  private final Map<TopicPartition, Set<String>> feedsByPartition = new HashMap<>();
  private final Thread thread;
  private final BiConsumer<String, Throwable> onFatal;
  private final CountDownLatch loaded = new CountDownLatch(1);
  private Map<TopicPartition, Long> loadTarget;
  private volatile boolean closed;
  private volatile boolean current; // this instance's partitions are assigned and read to their end offsets at assignment

  /** @param onFatal told (thread name, cause) when the reader dies: this instance would poll no feeds from then on */
  ManagedFeedList(String topic, String groupId, Map<String, Object> clientProperties, Listener listener,
      BiConsumer<String, Throwable> onFatal) {
    this.topic = topic;
    this.listener = listener;
    this.onFatal = onFatal;
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "feedpipe-producer-feeds");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = ProducerThreads.newThread(ProducerThreads.FEED_LIST_READER, this::run);
  }

  void start() {
    if (!thread.isAlive() && !closed) {
      thread.start();
    }
  }

  /** Whether this instance's share of the list is assigned and was read whole (false during a rebalance's reload). */
  boolean loaded() {
    return current;
  }

  /** The group consumer, for its client metrics. */
  org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer() {
    return consumer;
  }

  /** Waits until this instance has been assigned its share and read it whole. */
  boolean awaitLoaded(Duration timeout) throws InterruptedException {
    return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
          drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          listener.assigning();
          consumer.seekToBeginning(partitions);
          for (TopicPartition p : partitions) {
            feedsByPartition.put(p, new java.util.HashSet<>());
          }
          current = false;
          loadTarget = consumer.endOffsets(consumer.assignment());
          log.info("feed list: assigned partitions {} of {}", partitions.stream().map(TopicPartition::partition).sorted().toList(), topic);
        }
      });
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          apply(record);
        }
        if (loadTarget != null && CompactedTopicReader.reached(consumer, loadTarget)) {
          loadTarget = null;
          current = true;
          loaded.countDown();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (Throwable e) { // Errors too: a dead reader must not leave a silently idle producer
      if (!closed) {
        log.error("thread {}: reading the feed list {} failed: {}", thread.getName(), topic, e.toString(), e);
        onFatal.accept(thread.getName(), e);
      }
    } finally {
      try {
        consumer.close(Duration.ofSeconds(30)); // leaves the group at once: the others take the feeds over
      } catch (RuntimeException e) {
        log.warn("closing the feed-list consumer: {}", e.toString());
      }
    }
  }

  private void drop(Collection<TopicPartition> partitions) {
    List<String> ids = new ArrayList<>();
    for (TopicPartition p : partitions) {
      Set<String> feeds = feedsByPartition.remove(p);
      if (feeds != null) {
        ids.addAll(feeds);
      }
    }
    if (!partitions.isEmpty()) {
      log.info("feed list: partitions {} of {} {} ({} feeds)", partitions.stream().map(TopicPartition::partition).sorted().toList(),
          topic, closed ? "released: this instance stops" : "move to another instance", ids.size());
    }
    listener.revoked(ids);
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    String feedId = record.key();
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Set<String> feeds = feedsByPartition.computeIfAbsent(partition, p -> new java.util.HashSet<>());
    if (feedId == null) {
      return;
    }
    if (record.value() == null) {
      if (feeds.remove(feedId)) {
        listener.deleted(feedId);
      }
      return;
    }
    FeedSource feed;
    try {
      feed = FeedRecords.fromConfig(values.deserialize(record.topic(), record.value()));
    } catch (RuntimeException e) {
      log.warn("{} offset {}: feed {} skipped, its record is unusable: {}", record.topic(), record.offset(), feedId, e.getMessage());
      return;
    }
    feeds.add(feedId);
    listener.upserted(feed);
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

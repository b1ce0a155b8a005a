package io.feedpipe.producer.kafka;

import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.producer.state.FeedRecords;
import io.feedpipe.schemas.FeedConfig;
import io.feedpipe.schemas.FeedState;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and changes the managed feed list ({@code feeds.config}) and reads each feed's state
 * ({@code feeds.state}): what {@code feedpipe feeds} does. Writes are acknowledged before a method
 * returns. The running producers see changes within a second.
 */
public final class FeedListClient implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> clientProperties;
  private final String configTopic;
  private final String stateTopic;
  private final KafkaProducer<String, FeedConfig> producer;

  public FeedListClient(Map<String, Object> clientProperties, String configTopic, String stateTopic) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.configTopic = configTopic;
    this.stateTopic = stateTopic;
    Map<String, Object> config = KafkaProducerConfig.build(clientProperties);
    config.put("client.id", "feedpipe-feeds");
    config.put("linger.ms", 0);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), AvroSerdes.serializer(FeedConfig.class));
  }

  /** Adds the feed, or replaces the one with its id. */
  public void put(FeedConfig feed) {
    send(feed.getFeedId(), feed);
  }

  /** Removes the feed (a tombstone); the producer polling it stops. */
  public void remove(String feedId) {
    send(feedId, null);
  }

  private void send(String key, FeedConfig value) {
    try {
      producer.send(new ProducerRecord<>(configTopic, key, value)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to " + configTopic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write feed " + key + " to " + configTopic + ": " + e.getMessage(), e);
    }
  }

  /** The current feed list, by feed id. */
  public Map<String, FeedConfig> feeds() {
    return readLatest(configTopic, AvroSerdes.deserializer(FeedConfig.class));
  }

  /** Each feed's last saved state, by feed id. */
  public Map<String, FeedPollState> states() {
    Map<String, FeedPollState> states = new TreeMap<>();
    readLatest(stateTopic, AvroSerdes.deserializer(FeedState.class)).forEach((id, s) -> states.put(id, FeedRecords.fromAvro(s)));
    return states;
  }

  /** The latest value per key of a compacted topic, read from its beginning to its current end; tombstones remove. */
  private <V> Map<String, V> readLatest(String topic, Deserializer<V> values) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, V> latest = new TreeMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reached(consumer, end) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() == null) {
            continue;
          }
          if (record.value() == null) {
            latest.remove(record.key());
          } else {
            try {
              latest.put(record.key(), values.deserialize(topic, record.value()));
            } catch (RuntimeException e) {
              // written by a newer feedpipe or corrupt: not listed
            }
          }
        }
      }
    }
    return latest;
  }

  private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    producer.close(TIMEOUT);
  }
}

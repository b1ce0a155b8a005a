package io.feedpipe.producer.kafka;

import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.producer.state.FeedRecords;
import io.feedpipe.schemas.FeedConfig;
import io.feedpipe.schemas.FeedState;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    return CompactedTopicReader.latest(clientProperties, configTopic, AvroSerdes.deserializer(FeedConfig.class), TIMEOUT);
  }

  /** Each feed's last saved state, by feed id. */
  public Map<String, FeedPollState> states() {
    Map<String, FeedPollState> states = new TreeMap<>();
    CompactedTopicReader.latest(clientProperties, stateTopic, AvroSerdes.deserializer(FeedState.class), TIMEOUT)
        .forEach((id, s) -> states.put(id, FeedRecords.fromAvro(s)));
    return states;
  }

  @Override
  public void close() {
    producer.close(TIMEOUT);
  }
}

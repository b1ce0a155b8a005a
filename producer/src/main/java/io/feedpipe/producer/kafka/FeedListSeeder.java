package io.feedpipe.producer.kafka;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.state.FeedRecords;
import io.feedpipe.schemas.FeedConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the configured feeds to the managed feed list ({@code feeds.config}) on first start, when
 * the topic is empty: the configuration seeds the list once, and from then on the topic is the
 * list ({@code feedpipe feeds add/remove} change it), so a restart with an old configuration does
 * not undo those changes.
 */
final class FeedListSeeder {
  private static final Logger log = LoggerFactory.getLogger(FeedListSeeder.class);

  private FeedListSeeder() {}

  /** Seeds {@code configTopic} with {@code feeds} when it has never held a record. */
  static void seedIfEmpty(String configTopic, List<FeedSource> feeds, Map<String, Object> clientProperties,
      Producer<String, SpecificRecordBase> producer, Clock clock) {
    if (feeds.isEmpty() || !isEmpty(configTopic, clientProperties)) {
      return;
    }
    Instant now = clock.instant();
    for (FeedSource feed : feeds) {
      FeedConfig config = FeedRecords.toConfig(feed, List.of(), null, now);
      producer.send(new ProducerRecord<>(configTopic, feed.id(), config));
    }
    producer.flush();
    log.info("feed list {} was empty: wrote the {} configured feed(s) to it", configTopic, feeds.size());
  }

  private static boolean isEmpty(String topic, Map<String, Object> clientProperties) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      return consumer.endOffsets(partitions).values().stream().allMatch(offset -> offset == 0);
    }
  }
}

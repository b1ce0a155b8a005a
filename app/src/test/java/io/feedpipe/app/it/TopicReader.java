package io.feedpipe.app.it;

import io.feedpipe.testsupport.WholeTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic as a downstream consumer would (read_committed), up to its current end. */
final class TopicReader {
  private TopicReader() {}

  static <V> List<ConsumerRecord<String, V>> readAll(String bootstrapServers, String topic, Deserializer<V> values) {
    return readAll(bootstrapServers, topic, new StringDeserializer(), values);
  }

  static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, String topic, Deserializer<K> keys, Deserializer<V> values) {
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (var consumer = new KafkaConsumer<>(props, keys, values)) {
      List<ConsumerRecord<K, V>> records = new ArrayList<>();
      WholeTopic.read(consumer, topic, Duration.ofSeconds(60), records::add);
      return records;
    }
  }
}

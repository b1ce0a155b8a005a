package io.feedpipe.bench.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a slice of a topic ({@code read_committed}, no group), outside any measurement. */
final class TopicReads {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private TopicReads() {}

  /** The current end of every partition (for read_committed: the last stable offset). */
  static Map<TopicPartition, Long> ends(Map<String, Object> clientProperties, String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(clientProperties)) {
      return consumer.endOffsets(partitions(consumer, topic));
    }
  }

  /**
   * Hands every record from {@code from} (null: the beginning) to the end as of now to {@code
   * handler}, in partition order.
   */
  static void forEach(Map<String, Object> clientProperties, String topic, Map<TopicPartition, Long> from,
      BiConsumer<String, byte[]> handler) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(clientProperties)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      for (TopicPartition tp : partitions) {
        if (from == null || !from.containsKey(tp)) {
          consumer.seekToBeginning(List.of(tp));
        } else {
          consumer.seek(tp, from.get(tp));
        }
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to " + ends + " within " + TIMEOUT.toMinutes() + " minutes");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
            handler.accept(record.key(), record.value());
          }
        }
      }
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(Map<String, Object> clientProperties) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.keySet().retainAll(ConsumerConfig.configNames());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }
}

package io.feedpipe.bench.pipeline;

import io.feedpipe.producer.kafka.CompactedTopicReader;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a slice of a topic ({@code read_committed}, no group), outside any measurement. */
final class TopicReads {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private TopicReads() {}

  /** The current end of every partition (for read_committed: the last stable offset). */
  static Map<TopicPartition, Long> ends(Map<String, Object> clientProperties, String topic) {
    try (KafkaConsumer<String, byte[]> consumer = CompactedTopicReader.consumer(clientProperties, null)) {
      return consumer.endOffsets(CompactedTopicReader.partitions(consumer, topic, Duration.ofSeconds(60)));
    }
  }

  /**
   * Hands every record from {@code from} (null: the beginning) to the end as of now to {@code
   * handler}, in partition order.
   */
  static void forEach(Map<String, Object> clientProperties, String topic, Map<TopicPartition, Long> from,
      BiConsumer<String, byte[]> handler) {
    try (CompactedTopicReader reader = new CompactedTopicReader(topic, CompactedTopicReader.consumer(clientProperties, null),
        record -> handler.accept(record.key(), record.value()))) {
      if (!reader.readToEnd(from, TIMEOUT, () -> false)) {
        throw new IllegalStateException("could not read " + topic + " to its end within " + TIMEOUT.toMinutes() + " minutes");
      }
    }
  }
}

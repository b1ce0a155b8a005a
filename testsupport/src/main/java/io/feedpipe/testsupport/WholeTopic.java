package io.feedpipe.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads every partition of a topic from the beginning up to the end it had when the read began. */
public final class WholeTopic {
  private WholeTopic() {}

  /**
   * Assigns {@code consumer} all partitions of {@code topic}, seeks to their beginning and hands each
   * record to {@code each} until the consumer's position reaches the end offsets taken at the start.
   * With {@code read_committed} that end is the last stable offset, so open transactions do not
   * hold the read up. Fails with the topic and its end offsets when that takes longer than
   * {@code atMost}.
   */
  public static <K, V> void read(KafkaConsumer<K, V> consumer, String topic, Duration atMost, Consumer<ConsumerRecord<K, V>> each) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    // The consumer's poll does the waiting; the same thread, as a KafkaConsumer is not thread-safe.
    await("reading " + topic + " to its end " + ends).atMost(atMost).pollInSameThread().pollInterval(Duration.ofMillis(10))
        .until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(each);
          return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
        });
  }
}

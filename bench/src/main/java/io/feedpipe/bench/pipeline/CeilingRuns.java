package io.feedpipe.bench.pipeline;

import io.feedpipe.producer.kafka.KafkaProducerConfig;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * What Kafka itself does with the same records on this machine: the ceiling feedpipe is compared
 * with.
 *
 * <ul>
 *   <li>Raw produce → consume: the posts.raw records the producer stage wrote (same keys, same value
 *       bytes), sent from memory with feedpipe's producer settings ({@link KafkaProducerConfig}:
 *       idempotent, acks=all, zstd, 256 KB batches) while a read_committed consumer reads them back;
 *       timed until the consumer has them all.
 *   <li>Pass-through Streams: a topology that copies those records to another topic under feedpipe's
 *       Streams settings (exactly_once_v2, same threads, partitions and commit interval), timed
 *       until a read_committed reader has every copy.
 * </ul>
 */
final class CeilingRuns {
  static final String THREAD_PREFIX = "bench-ceiling";

  private CeilingRuns() {}

  static StageResult kafkaProduceConsume(String name, Map<String, Object> kafka, String topic, List<String> keys, List<byte[]> values,
      long bytes, PrintWriter err) throws InterruptedException {
    Map<String, Object> user = new HashMap<>(kafka);
    user.put(ProducerConfig.CLIENT_ID_CONFIG, THREAD_PREFIX + "-producer");
    AtomicLong consumed = new AtomicLong();
    try (TopicWatcher consumer = new TopicWatcher(kafka, topic, THREAD_PREFIX + "-consumer", (record, at) -> consumed.incrementAndGet());
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(KafkaProducerConfig.build(user), new StringSerializer(), new ByteArraySerializer())) {
      producer.partitionsFor(topic); // metadata before the clock starts
      StageMeter meter = StageMeter.start(thread -> thread.contains(THREAD_PREFIX) || thread.equals(Thread.currentThread().getName()));
      RecordCopies.sendAll(producer, topic, keys, values, keys.size(), name);
      if (!AwaitCount.until(err, name, keys.size(), consumed::get, consumer::requireHealthy)) {
        throw new IllegalStateException(name + ": the consumer read " + consumed.get() + " of " + keys.size() + " records");
      }
      return meter.stop(name, keys.size(), bytes);
    }
  }

  /** Copies {@code from} to {@code to}, bytes untouched. */
  static Topology passThrough(String from, String to) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(from, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())).to(to, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    return builder.build();
  }
}

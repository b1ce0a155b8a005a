package io.feedpipe.app.reprocess;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes selected posts.raw records to posts.reprocess, unchanged and to the same partition number
 * (the two topics are partitioned alike, so a record meets the dedupe store partition of its post),
 * in transactions of at most {@link #BATCH} records: the Streams app reads committed records only, so
 * a run cut short leaves whole batches behind, never part of one. Running again is safe: a post the
 * Streams app has judged under the current rules already is skipped there (its fingerprint is current).
 */
public final class ReprocessWriter implements AutoCloseable {
  static final int BATCH = 1_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private int inTransaction;
  private long written;

  /**
   * @param transactionalId one per pipeline: a second run started while one is going fences the
   *     first, so two runs never interleave their batches
   */
  public ReprocessWriter(Map<String, Object> clientProps, String rawTopic, String reprocessTopic, String transactionalId) {
    this.topic = reprocessTopic;
    requireLikeRaw(clientProps, rawTopic, reprocessTopic);
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "feedpipe-reprocess");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    try {
      producer.initTransactions();
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      throw new ReprocessException("cannot start a transaction on " + reprocessTopic + ": " + e.getMessage(), e);
    }
  }

  /** Adds one record to the open transaction, committing it when full. Timestamped now: it is judged now. */
  public void write(RawScanner.Selected selected) {
    if (inTransaction == 0) {
      producer.beginTransaction();
    }
    producer.send(new ProducerRecord<>(topic, selected.partition(), null, selected.key(), selected.value()));
    inTransaction++;
    if (inTransaction >= BATCH) {
      commit();
    }
  }

  /** Commits what is open; returns how many records are written in all. */
  public long finish() {
    if (inTransaction > 0) {
      commit();
    }
    return written;
  }

  private void commit() {
    try {
      producer.commitTransaction();
    } catch (KafkaException e) {
      throw new ReprocessException("writing to " + topic + " failed: " + e.getMessage() + "; " + written
          + " record(s) were written before; run the same command again (posts judged already are skipped)", e);
    }
    written += inTransaction;
    inTransaction = 0;
  }

  @Override
  public void close() {
    producer.close(TIMEOUT); // an open transaction is aborted: none of its records are read
  }

  private static void requireLikeRaw(Map<String, Object> clientProps, String rawTopic, String reprocessTopic) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "feedpipe-reprocess-check");
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> raw = consumer.partitionsFor(rawTopic, TIMEOUT);
      int rawPartitions = raw == null ? 0 : raw.size();
      List<PartitionInfo> partitions = consumer.partitionsFor(reprocessTopic, TIMEOUT);
      if (partitions == null || partitions.isEmpty()) {
        throw new ReprocessException("topic " + reprocessTopic + " does not exist: start the Streams app of this feedpipe version "
            + "(./feedpipe streams or ./feedpipe run), which creates it and reads it");
      }
      if (partitions.size() != rawPartitions) {
        throw new ReprocessException("topic " + reprocessTopic + " has " + partitions.size() + " partitions and " + rawTopic + " " + rawPartitions
            + ": they must match (a post's record must reach the store partition that holds the post); recreate " + reprocessTopic
            + " with " + rawPartitions + " partitions");
      }
    }
  }
}

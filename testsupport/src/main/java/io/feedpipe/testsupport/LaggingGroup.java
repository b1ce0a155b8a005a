package io.feedpipe.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A consumer group part-way through a topic, as the lag and replay tests (ops, and the commands in
 * app) need it: a new one-partition topic of 100 records, 5 s apart, the first 1,000 s ago, of
 * which the group consumed and committed the first 40. So the group is 60 records behind and at
 * least the age of record 41 (offset 40) behind in time.
 */
public final class LaggingGroup {
  public static final int RECORDS = 100;
  public static final int COMMITTED = 40;
  public static final Duration SPACING = Duration.ofSeconds(5);

  private LaggingGroup() {}

  /** Creates {@code topic}, fills it and has {@code group} commit offset 40; returns the timestamp of the first record. */
  public static Instant hundredRecordsFortyConsumed(String bootstrapServers, String topic, String group) throws Exception {
    Instant base = Instant.now().minusSeconds(1000).truncatedTo(ChronoUnit.MILLIS);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
    }
    Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, 0, timestampOf(base, i).toEpochMilli(), "k" + i, "v" + i)).get();
      }
    }
    Map<String, Object> consumerProps = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, COMMITTED);
    try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      AtomicInteger consumed = new AtomicInteger();
      // The consumer's poll does the waiting; the same thread, as a KafkaConsumer is not thread-safe.
      await("group " + group + " consuming the first " + COMMITTED + " records of " + topic)
          .atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ofMillis(10))
          .until(() -> consumed.addAndGet(consumer.poll(Duration.ofMillis(200)).count()) >= COMMITTED);
      if (consumed.get() != COMMITTED) {
        throw new AssertionError("group " + group + " consumed " + consumed.get() + " records of " + topic + ", expected " + COMMITTED);
      }
      consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(COMMITTED)));
    }
    return base;
  }

  /** When record {@code offset} was written, given the first record's timestamp. */
  public static Instant timestampOf(Instant base, long offset) {
    return base.plus(SPACING.multipliedBy(offset));
  }
}

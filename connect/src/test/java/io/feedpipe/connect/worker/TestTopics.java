package io.feedpipe.connect.worker;

import io.feedpipe.connect.mapping.GenericSingleObjectCodec;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.wire.ReleasedSchemas;
import io.feedpipe.schemas.wire.SingleObjectCodec;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.testsupport.WholeTopic;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topics and records for the Connect tests, as feedpipe writes them: String keys, single-object-encoded values. */
public final class TestTopics {
  private TestTopics() {}

  public static void create(KafkaClusterInfo kafka, String topic, int partitions) throws ExecutionException, InterruptedException {
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
    }
  }

  /** Sends the records in order (one producer, acks=all) and waits for them all. */
  public static void produce(KafkaClusterInfo kafka, String topic, List<Map.Entry<String, byte[]>> records) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (Map.Entry<String, byte[]> record : records) {
        producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())).get();
      }
    }
  }

  public static Map.Entry<String, byte[]> current(CleanPost post) {
    return Map.entry(post.getPostId(), SingleObjectCodec.of(CleanPost.class).encode(post));
  }

  /** The post as CleanPost v1 wrote it (its fingerprint and fields), as a feedpipe of that release did. */
  public static Map.Entry<String, byte[]> asVersion1(CleanPost post) throws IOException {
    Schema v1 = ReleasedSchemas.bundled().versionsOf("io.feedpipe.schemas.CleanPost").get(0);
    byte[] current = SingleObjectCodec.of(CleanPost.class).encode(post);
    GenericRecord old = new GenericDatumReader<GenericRecord>(CleanPost.getClassSchema(), v1, GenericData.get())
        .read(null, DecoderFactory.get().binaryDecoder(current, 10, current.length - 10, null));
    return Map.entry(post.getPostId(), new GenericSingleObjectCodec(ReleasedSchemas.bundled()).encode(old));
  }

  /** Every record the topic holds now, from the beginning (the DLQ: raw bytes and headers). */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaClusterInfo kafka, String topic) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      WholeTopic.read(consumer, topic, Duration.ofSeconds(60), records::add);
    }
    return records;
  }
}

package io.feedpipe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@KafkaCluster
class KafkaClusterExtensionIT {

  private final KafkaClusterInfo injectedInConstructor;

  KafkaClusterExtensionIT(KafkaClusterInfo kafka) {
    this.injectedInConstructor = kafka;
  }

  @Test
  void aRecordProducedToTheClusterIsConsumedBack(KafkaClusterInfo kafka) throws Exception {
    String topic = createTopic(kafka);

    produce(kafka, topic, "hello");

    assertThat(consumeAll(kafka, topic, 1)).containsExactly("hello");
  }

  @Test
  void everyInjectionPointGetsTheOneSharedCluster(KafkaClusterInfo kafka) {
    assertThat(kafka).isSameAs(injectedInConstructor);
    assertThat(kafka.kind()).isEqualTo(KafkaClusterKind.selected());
  }

  @Test
  void restartingTheBrokerKeepsItsAddressAndData(KafkaClusterInfo kafka) throws Exception {
    assumeTrue(kafka.kind() == KafkaClusterKind.EMBEDDED, "restartBroker() is embedded-only");
    String topic = createTopic(kafka);
    String before = kafka.bootstrapServers();
    produce(kafka, topic, "before-restart");

    kafka.restartBroker();

    assertThat(kafka.bootstrapServers()).isEqualTo(before);
    produce(kafka, topic, "after-restart");
    assertThat(consumeAll(kafka, topic, 2)).containsExactly("before-restart", "after-restart");
  }

  private static String createTopic(KafkaClusterInfo kafka) throws Exception {
    String topic = kafka.uniqueName("extension-it");
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    return topic;
  }

  private static void produce(KafkaClusterInfo kafka, String topic, String value) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, value)).get();
    }
  }

  private static List<String> consumeAll(KafkaClusterInfo kafka, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      // The consumer's poll does the waiting; the same thread, as a KafkaConsumer is not thread-safe.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(10))
          .untilAsserted(
              () -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                  values.add(record.value());
                }
                assertThat(values).as("values read from %s", topic).hasSizeGreaterThanOrEqualTo(expected);
              });
    }
    return values;
  }
}

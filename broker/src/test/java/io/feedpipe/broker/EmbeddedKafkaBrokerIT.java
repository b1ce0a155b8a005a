package io.feedpipe.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedKafkaBrokerIT {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBrokerIT.class);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dataDir;

  @Test
  void recordsTopicsAndCommittedOffsetsSurviveARestartOnTheSameDataDirAndPort() throws Exception {
    String topic = "posts";
    String group = "reader";
    TopicPartition partition = new TopicPartition(topic, 0);
    int port;

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config(0))) {
      String bootstrap = broker.bootstrapServers();
      port = broker.port();
      assertThat(port).isPositive();
      assertThat(bootstrap).isEqualTo("127.0.0.1:" + port);
      assertThat(broker.dataDir()).isEqualTo(dataDir.toAbsolutePath());

      try (Admin admin = admin(bootstrap)) {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      }
      produceIdempotent(bootstrap, topic, "a", "b");
      produceTransactional(bootstrap, topic, List.of("c", "d"), true);
      produceTransactional(bootstrap, topic, List.of("aborted"), false);

      // read_committed hides the aborted transaction; the group then commits its position.
      assertThat(consumeAndCommit(bootstrap, topic, group, 4)).containsExactly("a", "b", "c", "d");
    }

    long restartNanos = System.nanoTime();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config(port))) {
      LOG.info(
          "restart on the same data dir took {} ms",
          (System.nanoTime() - restartNanos) / 1_000_000);
      String bootstrap = broker.bootstrapServers();
      assertThat(bootstrap).isEqualTo("127.0.0.1:" + port);

      try (Admin admin = admin(bootstrap)) {
        assertThat(admin.listTopics().names().get()).contains(topic);
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        assertThat(committed.get(partition).offset()).isGreaterThanOrEqualTo(4);
      }
      assertThat(consumeFromStart(bootstrap, topic, 4)).containsExactly("a", "b", "c", "d");

      // The group resumes after its committed offset: it sees only what is new.
      produceIdempotent(bootstrap, topic, "e");
      assertThat(consumeAndCommit(bootstrap, topic, group, 1)).containsExactly("e");
    }
  }

  @Test
  void startingOnAPortInUseFailsNamingTheAddressAndTheWayOut(@TempDir Path otherDataDir) {
    try (EmbeddedKafkaBroker running = EmbeddedKafkaBroker.start(config(0))) {
      String taken = running.bootstrapServers();
      int port = running.port();

      assertThatThrownBy(
              () -> EmbeddedKafkaBroker.start(BrokerConfig.defaults(otherDataDir).withPort(port)))
          .isInstanceOf(BrokerStartupException.class)
          .hasMessageContaining(taken)
          .hasMessageContaining("--port")
          .hasMessageContaining("stop the other process");
    }
  }

  @Test
  void closeIsIdempotentAndReleasesThePortAndTheDataDir() throws Exception {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config(0));
    int port = broker.port();
    broker.close();
    broker.close(); // a second close (e.g. a shutdown hook after an explicit close) neither throws nor blocks

    try (Socket socket = new Socket()) {
      assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000))
          .as("the closed broker's port %d no longer accepts connections", port)
          .isInstanceOf(IOException.class);
    }
    // The data dir's lock is released: a new broker starts on it and answers.
    try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(config(0)); Admin admin = admin(again.bootstrapServers())) {
      assertThat(admin.describeCluster().nodes().get().size()).isEqualTo(1);
    }
  }

  private BrokerConfig config(int port) {
    return BrokerConfig.defaults(dataDir).withPort(port);
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private static Properties producerProps(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return props;
  }

  private static void produceIdempotent(String bootstrap, String topic, String... values)
      throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(bootstrap))) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, value, value)).get();
      }
    }
  }

  private static void produceTransactional(
      String bootstrap, String topic, List<String> values, boolean commit) {
    Properties props = producerProps(bootstrap);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      producer.initTransactions();
      producer.beginTransaction();
      values.forEach(value -> producer.send(new ProducerRecord<>(topic, value, value)));
      if (commit) {
        producer.commitTransaction();
      } else {
        producer.flush();
        producer.abortTransaction();
      }
    }
  }

  private static Properties consumerProps(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return props;
  }

  private static List<String> consumeAndCommit(
      String bootstrap, String topic, String group, int expected) {
    Properties props = consumerProps(bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(Set.of(topic));
      List<String> values = poll(consumer, expected);
      consumer.commitSync();
      return values;
    }
  }

  private static List<String> consumeFromStart(String bootstrap, String topic, int expected) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(bootstrap))) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      consumer.seekToBeginning(consumer.assignment());
      return poll(consumer, expected);
    }
  }

  private static List<String> poll(KafkaConsumer<String, String> consumer, int expected) {
    List<String> values = new ArrayList<>();
    // The consumer's poll does the waiting; the same thread, as a KafkaConsumer is not thread-safe.
    await()
        .atMost(POLL_TIMEOUT)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(
            () -> {
              for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
              }
              assertThat(values).as("values read").hasSizeGreaterThanOrEqualTo(expected);
            });
    return values;
  }
}

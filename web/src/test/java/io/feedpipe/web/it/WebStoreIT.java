package io.feedpipe.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedpipe.client.serde.CleanPostSerde;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.web.Posts;
import io.feedpipe.web.WebSettings;
import io.feedpipe.web.store.WebStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web store on the embedded broker: what it takes from posts.clean. */
@KafkaCluster
class WebStoreIT {
  private static final Instant T = Instant.parse("2025-12-01T00:00:00Z");

  @TempDir Path temp;

  @Test
  void aPostOfAnAbortedTransactionNeverAppears(KafkaClusterInfo kafka) throws Exception {
    FeedpipeTopics topics = FeedpipeTopics.defaults(List.of()).withPrefix(kafka.uniqueName("webstore") + ".");
    try (Admin admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topics.clean(), 1, (short) 1))).all().get();
    }
    Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.uniqueName("webstore-tx"));
    try (KafkaProducer<String, CleanPost> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
        new CleanPostSerde().serializer())) {
      producer.initTransactions();
      send(producer, topics.clean(), Posts.post("a", "one", "Committed before", T));
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topics.clean(), "b", Posts.post("b", "one", "Aborted", T.plusSeconds(1)))).get();
      producer.abortTransaction();
      send(producer, topics.clean(), Posts.post("c", "one", "Committed after", T.plusSeconds(2)));
    }
    WebSettings settings = WebSettings.defaults(new InetSocketAddress("127.0.0.1", 0), topics, Map.of(), temp.resolve("web"));
    try (WebStore store = WebStore.start(settings, kafka.bootstrapServers(), Map.of())) {
      assertThat(store.awaitRunning(Duration.ofSeconds(90))).as("web store running").isTrue();
      // The post after the aborted one is held, so the aborted record has been read past.
      await().atMost(Duration.ofSeconds(60)).until(() -> store.queries().post("c").isPresent());
      assertThat(store.queries().post("b")).isEmpty();
      assertThat(store.queries().newest(1, 10).posts()).extracting(CleanPost::getTitle)
          .containsExactly("Committed after", "Committed before");
      assertThat(store.queries().search("aborted", 1, 10).posts()).isEmpty();
    }
  }

  private static void send(KafkaProducer<String, CleanPost> producer, String topic, CleanPost post) throws Exception {
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(topic, post.getPostId(), post)).get();
    producer.commitTransaction();
  }
}

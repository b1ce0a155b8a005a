package io.feedpipe.web.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.web.WebSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings the web store's Streams app runs with, as Kafka Streams resolves them for its global consumer. */
class WebStoreTest {
  @TempDir Path stateDir;

  private Map<String, Object> globalConsumer(Map<String, String> overrides) {
    FeedpipeTopics topics = FeedpipeTopics.defaults(List.of());
    WebSettings settings = WebSettings.defaults(new InetSocketAddress("127.0.0.1", 0), topics, Map.of(), stateDir);
    StreamsConfig config = new StreamsConfig(WebStore.streamsProperties(settings, "broker:9092", overrides));
    return config.getGlobalConsumerConfigs("web-test");
  }

  @Test
  void theGlobalConsumerReadsOnlyCommittedRecords() {
    // Records of an aborted transaction on posts.clean must never reach the page or the feeds.
    assertThat(globalConsumer(Map.of()).get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
  }

  @Test
  void aClientOverrideDoesNotBringAbortedRecordsBack() {
    assertThat(globalConsumer(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
        StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_uncommitted"))
        .get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
  }
}

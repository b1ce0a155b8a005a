package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

  private final StreamsSettings settings = StreamsSettings.defaults(List.of(), Path.of("state"));

  @Test
  void exactlyOnceAndReadCommittedAreSetAndCannotBeWeakened() {
    Properties props = StreamsProperties.of(settings, "kafka:9092", Map.of());
    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(props.get("consumer.isolation.level")).isEqualTo("read_committed");

    assertThatThrownBy(() -> StreamsProperties.of(settings, "kafka:9092", Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once")))
        .hasMessageContaining("processing.guarantee=at_least_once would weaken feedpipe's guarantees; it must be exactly_once_v2");
    assertThatThrownBy(() -> StreamsProperties.of(settings, "kafka:9092", Map.of("consumer.isolation.level", "read_uncommitted")))
        .hasMessageContaining("consumer.isolation.level");
  }

  @Test
  void otherSettingsCanBeOverridden() {
    assertThat(StreamsProperties.of(settings, "kafka:9092", Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000"))
        .get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("1000");
    assertThat(StreamsProperties.of(settings, "kafka:9092", Map.of("producer.compression.type", "lz4"))
        .get("producer.compression.type")).isEqualTo("lz4");
    assertThat(StreamsProperties.of(settings, "kafka:9092", Map.of("producer.compression.zstd.level", "3"))
        .get("producer.compression.zstd.level")).isEqualTo("3");
  }

  @Test
  void outputsAreCompressedWithZstdAtLevelOne() {
    Properties props = StreamsProperties.of(settings, "kafka:9092", Map.of());
    assertThat(props.get("producer.compression.type")).isEqualTo("zstd");
    assertThat(props.get("producer.compression.zstd.level")).isEqualTo(1);
  }

  @Test
  void stateDirectoryThreadsAndApplicationIdComeFromTheSettings() {
    Properties props = StreamsProperties.of(settings.with("my-app", settings.dedupeRetention(), 3), "kafka:9092", Map.of());
    assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("my-app");
    assertThat(props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(3);
    assertThat(props.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(Path.of("state").toAbsolutePath().toString());
  }

  @Test
  void producerRequestSizeIsSetAboveThePostBudgetAndAnOverrideBelowItFails() {
    assertThat(StreamsProperties.of(settings, "kafka:9092", Map.of()).get("producer.max.request.size")).isEqualTo(900 * 1024 + 128 * 1024);
    assertThat(StreamsProperties.of(settings.withMaxPostSize(4L * 1024 * 1024), "kafka:9092", Map.of()).get("producer.max.request.size"))
        .isEqualTo(4 * 1024 * 1024 + 128 * 1024);
    assertThatThrownBy(() -> StreamsProperties.of(settings, "kafka:9092", Map.of("producer.max.request.size", "500000")))
        .hasMessageContaining("producer.max.request.size=500000 is below streams.max-post-size (921600 bytes)");
  }

  @Test
  void deadLetterHandlersAreFeedpipesBoundedOnes() {
    Properties props = StreamsProperties.of(settings, "kafka:9092", Map.of());
    assertThat(props.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(io.feedpipe.streams.deadletter.DeadLetterProductionHandler.class.getName());
    assertThat(props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("posts.dlq");
  }

  @Test
  void crashRecoverySettingsAreOnAndCanBeOverridden() {
    Properties props = StreamsProperties.of(settings, "kafka:9092", Map.of());
    assertThat(props.get(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG)).isEqualTo(true);
    assertThat(props.get("session.timeout.ms")).isEqualTo(15_000);
    // Static membership is the app's (StaticMemberId, from the state directory), not a constant here.
    assertThat(props.get("group.instance.id")).isNull();

    Properties overridden = StreamsProperties.of(settings, "kafka:9092",
        Map.of(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "false", "session.timeout.ms", "30000"));
    assertThat(overridden.get(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG)).isEqualTo("false");
    assertThat(overridden.get("session.timeout.ms")).isEqualTo("30000");
  }

  @Test
  void recoverySettingsAreOnesKafkaStreamsAccepts() {
    var config = new StreamsConfig(StreamsProperties.of(settings, "kafka:9092", Map.of()));
    assertThat(config.getBoolean(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG)).isTrue();
    assertThat(config.getMainConsumerConfigs("g", "c", 0).get("session.timeout.ms")).isEqualTo(15_000);
  }
}

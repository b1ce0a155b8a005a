package io.feedpipe.producer.kafka;

import io.feedpipe.producer.ProducerThreads;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka producer configuration feedpipe runs with: the user's properties (at least {@code
 * bootstrap.servers}) plus our safety and throughput settings, stated explicitly even where they
 * equal Kafka's defaults so that a contradicting user setting fails loudly instead of silently
 * weakening delivery. Pure.
 */
public final class KafkaProducerConfig {
  private KafkaProducerConfig() {}

  /**
   * @throws IllegalArgumentException naming the setting when {@code bootstrap.servers} is missing,
   *     a user setting contradicts a safety setting, or the user sets a serializer (feedpipe's are
   *     fixed: String keys, Avro single-object encoded values)
   */
  public static Map<String, Object> build(Map<String, Object> userProperties) {
    Objects.requireNonNull(userProperties, "kafkaProperties");
    Object bootstrap = userProperties.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    if (bootstrap == null || bootstrap.toString().isBlank()) {
      throw new IllegalArgumentException("Kafka setting bootstrap.servers is required");
    }
    for (String fixed : new String[] {ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG}) {
      if (userProperties.containsKey(fixed)) {
        throw new IllegalArgumentException(
            "Kafka setting " + fixed + " cannot be changed: feedpipe writes String keys and Avro single-object encoded values");
      }
    }
    requireSame(userProperties, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", "true");
    requireSame(userProperties, ProducerConfig.ACKS_CONFIG, "all", "all", "-1");
    requireBetween(userProperties, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1, 5);
    requireAtLeast(userProperties, ProducerConfig.RETRIES_CONFIG, 1);

    Map<String, Object> config = new HashMap<>();
    // Throughput settings: ours are the defaults here, the user's win (they are tuning, not safety).
    // zstd compresses HTML-heavy posts best for its CPU cost (FACTS: +30% records/s over none).
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    // Level 1, not zstd's default 3: about a sixth less producer CPU per post for ~6 % more bytes
    // on the broker over HTML-heavy posts (docs/results.md); set when the type is ours.
    if (!userProperties.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG)) {
      config.put(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, 1);
    }
    // Waiting 20 ms lets a feed's entries share batches; a poll round is not latency-critical.
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    // 256 KB instead of 16 KB: posts are several KB each; batch size is the biggest lever (FACTS: ~2.4×).
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, ProducerThreads.KAFKA_CLIENT_ID); // names its sender thread
    config.putAll(userProperties);

    // Safety settings, after the user's (which were checked to agree): KIP-679 made these the defaults
    // in Kafka 3.0, but we state them so nothing below us can quietly change them.
    // Idempotence: a retried batch is written once, in order, per partition.
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // acks=all: a record counts as sent only once every in-sync replica has it.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // At most 5 in flight: the most idempotence can keep in order (KAFKA-5494).
    if (!userProperties.containsKey(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)) {
      config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    }
    return config;
  }

  private static void requireSame(Map<String, Object> user, String key, String ours, String... accepted) {
    Object value = user.get(key);
    if (value == null) {
      return;
    }
    String given = value.toString().strip().toLowerCase(Locale.ROOT);
    for (String ok : accepted) {
      if (ok.equals(given)) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "Kafka setting " + key + "=" + value + " contradicts feedpipe's delivery guarantee; it must be " + ours + " (or left unset)");
  }

  private static void requireBetween(Map<String, Object> user, String key, int min, int max) {
    Integer value = intOf(user, key);
    if (value != null && (value < min || value > max)) {
      throw new IllegalArgumentException(
          "Kafka setting " + key + "=" + value + " must be between " + min + " and " + max + ": idempotence keeps order only up to " + max);
    }
  }

  private static void requireAtLeast(Map<String, Object> user, String key, int min) {
    Integer value = intOf(user, key);
    if (value != null && value < min) {
      throw new IllegalArgumentException(
          "Kafka setting " + key + "=" + value + " contradicts feedpipe's delivery guarantee; it must be at least " + min + " (or left unset)");
    }
  }

  private static Integer intOf(Map<String, Object> user, String key) {
    Object value = user.get(key);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Kafka setting " + key + "=" + value + " is not a number", e);
    }
  }
}

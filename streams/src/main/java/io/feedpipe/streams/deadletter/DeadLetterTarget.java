package io.feedpipe.streams.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where a handler's dead letters go and who counts them, as Kafka Streams' configuration says:
 * the one place the three handlers share, so that they cannot differ in when a letter is written,
 * counted or announced.
 */
final class DeadLetterTarget {
  private final String topic;
  private final DeadLetterListener listener;

  private DeadLetterTarget(String topic, DeadLetterListener listener) {
    this.topic = topic;
    this.listener = listener;
  }

  /** No topic, no listener: what a handler holds before {@code configure}. */
  static final DeadLetterTarget NONE = new DeadLetterTarget(null, DeadLetterListener.NONE);

  static DeadLetterTarget configured(Map<String, ?> configs) {
    return new DeadLetterTarget(DeadLetters.configuredTopic(configs), DeadLetterListener.configured(configs));
  }

  /** For a log line: where the letter goes and how to read it. */
  String where() {
    return topic == null
        ? "dropping it (no dead-letter topic is configured: errors.dead.letter.queue.topic.name)"
        : "writing a dead letter to " + topic + " (read it with: feedpipe tail " + topic + ")";
  }

  /**
   * The dead letter for {@code source}, none when no topic is configured; counted for {@code
   * reason} unless that is null (a letter that will abort with its transaction is counted where
   * its retry writes one).
   */
  List<ProducerRecord<byte[], byte[]>> letters(DeadLetters.Source source, String message, Throwable error, DeadLetterReason reason) {
    if (topic == null) {
      return List.of();
    }
    if (reason != null) {
      listener.deadLettered(reason);
    }
    return List.of(DeadLetters.of(topic, source, message, error));
  }
}

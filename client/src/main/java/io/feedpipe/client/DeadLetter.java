package io.feedpipe.client;

import io.feedpipe.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A record of {@code posts.dlq} read through its headers: Kafka Streams' dead-letter headers
 * (KIP-1034) say what failed and where the record came from; key and value are the original bytes,
 * unchanged.
 *
 * @param exception the exception class, when the header is present
 * @param message what went wrong, naming the record
 * @param sourceTopic where the record was read
 * @param key the original key bytes
 * @param value the original value bytes
 */
public record DeadLetter(
    Optional<String> exception,
    Optional<String> message,
    Optional<String> sourceTopic,
    OptionalInt sourcePartition,
    OptionalLong sourceOffset,
    byte[] key,
    byte[] value) {

  public static DeadLetter from(ConsumerRecord<byte[], byte[]> record) {
    Headers headers = record.headers();
    return new DeadLetter(
        text(headers, DeadLetterHeaders.EXCEPTION),
        text(headers, DeadLetterHeaders.MESSAGE),
        text(headers, DeadLetterHeaders.TOPIC),
        text(headers, DeadLetterHeaders.PARTITION).flatMap(DeadLetter::parseInt).map(OptionalInt::of).orElse(OptionalInt.empty()),
        text(headers, DeadLetterHeaders.OFFSET).flatMap(DeadLetter::parseLong).map(OptionalLong::of).orElse(OptionalLong.empty()),
        record.key(),
        record.value());
  }

  private static Optional<String> text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  private static Optional<Integer> parseInt(String text) {
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> parseLong(String text) {
    try {
      return Optional.of(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

package io.feedpipe.streams.deadletter;

import io.feedpipe.schemas.topics.DeadLetterHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  private static final DeadLetters.Source SMALL = new DeadLetters.Source("posts.raw", 3, 42, 1000, "k".getBytes(StandardCharsets.UTF_8),
      "v".getBytes(StandardCharsets.UTF_8));

  @Test
  void deadLetterNamesItsSourceInKafkasHeaders() {
    ProducerRecord<byte[], byte[]> letter = DeadLetters.of("posts.dlq", SMALL, "went wrong", new IllegalStateException("x"));
    assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo("posts.raw");
    assertThat(header(letter, DeadLetterHeaders.PARTITION)).isEqualTo("3");
    assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo("42");
    assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo("java.lang.IllegalStateException");
    assertThat(header(letter, DeadLetterHeaders.MESSAGE)).isEqualTo("went wrong");
    assertThat(letter.value()).containsExactly('v');
    assertThat(letter.timestamp()).isEqualTo(1000L);
  }

  @Test
  void stackOverflowTraceAndHugeMessageAreBounded() {
    StackOverflowError overflow = overflow(0);
    ProducerRecord<byte[], byte[]> letter = DeadLetters.of("posts.dlq", SMALL, "é".repeat(100_000), overflow);
    assertThat(letter.headers().lastHeader(DeadLetterHeaders.STACKTRACE).value().length).isLessThanOrEqualTo(DeadLetters.MAX_TEXT_BYTES);
    byte[] message = letter.headers().lastHeader(DeadLetterHeaders.MESSAGE).value();
    assertThat(message.length).isLessThanOrEqualTo(DeadLetters.MAX_TEXT_BYTES);
    assertThat(new String(message, StandardCharsets.UTF_8)).endsWith("[cut]").doesNotContain("\uFFFD");
  }

  @Test
  void largeSourceValueIsReferencedNotCopied() {
    var big = new DeadLetters.Source("posts.raw", 0, 7, 1000, null, new byte[DeadLetters.MAX_VALUE_BYTES + 1]);
    ProducerRecord<byte[], byte[]> letter = DeadLetters.of("posts.dlq", big, "too large", new RuntimeException());
    assertThat(letter.value()).isNull();
    assertThat(header(letter, DeadLetters.VALUE_OMITTED_HEADER)).isEqualTo(Integer.toString(DeadLetters.MAX_VALUE_BYTES + 1));
    assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo("7");
  }

  private static StackOverflowError overflow(int depth) {
    try {
      return overflow(depth + 1);
    } catch (StackOverflowError e) {
      return e;
    }
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}

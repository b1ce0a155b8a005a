package io.feedpipe.streams.deadletter;

import io.feedpipe.schemas.topics.DeadLetterHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds the records of {@code posts.dlq}, each small enough to be written whatever failed.
 *
 * <p>The headers are Kafka Streams' own dead-letter headers (KIP-1034, named in {@link
 * DeadLetterHeaders}), which readers of {@code posts.dlq} (the client's {@code DeadLetter}) rely on.
 * Unlike Kafka's default handlers, which copy the source value and the full stack trace (a
 * StackOverflowError's alone is ~100 KB), the message and the stack trace are cut to {@link
 * #MAX_TEXT_BYTES}, and the source key and value are copied only when small: a dead letter for a
 * record that was too large must not be too large itself. A value left out is named by the
 * topic, partition and offset headers (and {@link #VALUE_OMITTED_HEADER} says so).
 */
public final class DeadLetters {

  /** Set when the source value was not copied: its size in bytes. */
  public static final String VALUE_OMITTED_HEADER = "feedpipe.errors.value-omitted-bytes";
  /** The output topic a refused record was meant for (production errors only). */
  public static final String SINK_TOPIC_HEADER = "feedpipe.errors.sink-topic";
  /** The route rule that failed on a post (rule failures only). */
  public static final String RULE_HEADER = "feedpipe.errors.rule";

  /** Bound of the message and of the stack trace headers, each. */
  public static final int MAX_TEXT_BYTES = 8 * 1024;

  /** Largest source value copied into a dead letter; larger ones are referenced, not copied. */
  public static final int MAX_VALUE_BYTES = 256 * 1024;

  /** Largest source key copied. */
  static final int MAX_KEY_BYTES = 8 * 1024;

  private DeadLetters() {}

  /** Where the failed record was read: the source of the dead letter. */
  public record Source(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {}

  /** The dead-letter topic Kafka Streams is configured with; null when there is none. */
  static String configuredTopic(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    return topic == null ? null : topic.toString();
  }

  /** The input record being processed when a handler is called, as its context names it. */
  static Source source(ErrorHandlerContext context) {
    return new Source(context.topic(), context.partition(), context.offset(), context.timestamp(), context.sourceRawKey(),
        context.sourceRawValue());
  }

  /** A dead letter for {@code source}, failed with {@code error}; {@code message} says what failed. */
  public static ProducerRecord<byte[], byte[]> of(String dlqTopic, Source source, String message, Throwable error) {
    byte[] key = source.key() != null && source.key().length <= MAX_KEY_BYTES ? source.key() : null;
    byte[] value = source.value() != null && source.value().length <= MAX_VALUE_BYTES ? source.value() : null;
    Long timestamp = source.timestamp() >= 0 ? source.timestamp() : null;
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(dlqTopic, null, timestamp, key, value);
    Headers headers = record.headers();
    headers.add(DeadLetterHeaders.EXCEPTION, utf8(error.getClass().getName()));
    headers.add(DeadLetterHeaders.MESSAGE, utf8(bounded(message)));
    headers.add(DeadLetterHeaders.STACKTRACE, utf8(bounded(stackTrace(error))));
    if (source.topic() != null) {
      headers.add(DeadLetterHeaders.TOPIC, utf8(source.topic()));
      headers.add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(source.partition())));
      headers.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(source.offset())));
    }
    if (value == null && source.value() != null) {
      headers.add(VALUE_OMITTED_HEADER, utf8(Integer.toString(source.value().length)));
    }
    return record;
  }

  /**
   * Whether a failure while handling one record is that record's alone, so that dead-lettering it
   * and going on is right: every exception, and every error but the JVM's own troubles (out of
   * memory, an internal error) — a stack overflow is the record's (deep nesting, a pattern).
   */
  public static boolean isRecordScoped(Throwable failure) {
    return !(failure instanceof VirtualMachineError) || failure instanceof StackOverflowError;
  }

  /** The error's message, or its class when it has none; never null. */
  public static String describe(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getName() : message;
  }

  /** At most {@link #MAX_TEXT_BYTES} UTF-8 bytes of {@code text}, never splitting a character. */
  static String bounded(String text) {
    if (text == null) {
      return "";
    }
    if (text.length() * 3L <= MAX_TEXT_BYTES) {
      return text;
    }
    String marker = " …[cut]";
    int limit = MAX_TEXT_BYTES - marker.getBytes(StandardCharsets.UTF_8).length;
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > limit) {
        return text.substring(0, i) + marker;
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    return text;
  }

  private static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    // A stack overflow's trace is thousands of frames; the first ones say where it recursed.
    error.printStackTrace(new PrintWriter(new BoundedWriter(out, MAX_TEXT_BYTES + 16)));
    return out.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Stops taking characters once it has {@code max}: printing a huge trace costs nothing more. */
  private static final class BoundedWriter extends java.io.Writer {
    private final StringWriter out;
    private final int max;

    BoundedWriter(StringWriter out, int max) {
      this.out = out;
      this.max = max;
    }

    @Override
    public void write(char[] chars, int off, int len) {
      int room = max - out.getBuffer().length();
      if (room > 0) {
        out.write(chars, off, Math.min(room, len));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}

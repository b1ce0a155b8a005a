package io.feedpipe.sinks.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedpipe.client.FeedpipeTopic;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;

/**
 * One record as one JSON line: {@code {"topic", "partition", "offset", "timestamp", "key",
 * "value"}}, plus {@code "headers"} when it has any and {@code "error"} when its value does not
 * decode (the value is then kept as bytes: an archive drops nothing). Values of feedpipe's topics
 * are decoded by their schema; other topics' values are text when UTF-8, else {@code {"base64": …}}.
 */
public final class RecordLine {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, Optional<FeedpipeTopic<?>>> topics = new HashMap<>();
  private final FeedpipeTopics names;

  /** Lines of a pipeline without topics.prefix. */
  public RecordLine() {
    this(FeedpipeTopics.defaults(java.util.List.of()));
  }

  /** Lines of the pipeline whose topics are {@code names}: {@code <prefix>posts.clean} is decoded as CleanPost. */
  public RecordLine(FeedpipeTopics names) {
    this.names = names;
  }

  public ObjectNode toJson(ConsumerRecord<byte[], byte[]> record) {
    ObjectNode line = JSON.objectNode();
    line.put("topic", record.topic());
    line.put("partition", record.partition());
    line.put("offset", record.offset());
    line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    line.set("key", bytes(record.key()));
    Optional<FeedpipeTopic<?>> topic = topics.computeIfAbsent(record.topic(), name -> FeedpipeTopic.byName(name, names));
    if (topic.isPresent() && record.value() != null) {
      try {
        line.set("value", AvroJson.of(topic.get().decode(record.value())));
      } catch (SerializationException e) {
        line.put("error", e.getMessage());
        line.set("value", bytes(record.value()));
      }
    } else {
      line.set("value", bytes(record.value()));
    }
    if (record.headers().toArray().length > 0) {
      ObjectNode headers = line.putObject("headers");
      for (Header h : record.headers()) {
        headers.set(h.key(), bytes(h.value()));
      }
    }
    return line;
  }

  /** A record's line, or why it can have none. */
  public sealed interface Rendered {}

  /** The line's UTF-8 bytes with the trailing newline. */
  public record Line(byte[] bytes) implements Rendered {}

  /**
   * The record has no line, and never will: the reason is the same on every attempt.
   *
   * @param kind which of the ways to fail it is (a metric label)
   * @param reason what failed, for people
   */
  public record Refused(Kind kind, String reason) implements Rendered {}

  /** Why a record has no line, as a small fixed set. */
  public enum Kind {
    /** Its value does not render as JSON. */
    NOT_JSON("not_json"),
    /** Its line is longer than the sink's bound. */
    LINE_TOO_LONG("line_too_long");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * The record's line when it renders within {@code maxLineBytes} (newline included). Rendering
   * depends on the record's bytes alone, so a record that fails to render (a value whose decoding
   * fails in a way the schema does not describe, text JSON cannot encode) or renders too long fails
   * the same way every time: it is {@link Refused}, not thrown, so the caller can set it aside and
   * go on.
   */
  public Rendered render(ConsumerRecord<byte[], byte[]> record, int maxLineBytes) {
    byte[] line;
    try {
      line = toLine(record);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new Refused(Kind.NOT_JSON, "cannot be rendered as JSON: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
    if (line.length > maxLineBytes) {
      return new Refused(Kind.LINE_TOO_LONG, "its JSON line of " + line.length + " bytes is over the bound of " + maxLineBytes + " bytes");
    }
    return new Line(line);
  }

  /** The line's UTF-8 bytes with the trailing newline. */
  public byte[] toLine(ConsumerRecord<byte[], byte[]> record) {
    try {
      byte[] json = MAPPER.writeValueAsBytes(toJson(record));
      byte[] line = new byte[json.length + 1];
      System.arraycopy(json, 0, line, 0, json.length);
      line[json.length] = '\n';
      return line;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + record.topic() + "-" + record.partition() + "@" + record.offset() + " as JSON", e);
    }
  }

  /** UTF-8 text when the bytes are valid UTF-8, else {"base64": …}. */
  static JsonNode bytes(byte[] bytes) {
    if (bytes == null) {
      return JSON.nullNode();
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return JSON.textNode(text);
    } catch (CharacterCodingException e) {
      return JSON.objectNode().put("base64", Base64.getEncoder().encodeToString(bytes));
    }
  }
}

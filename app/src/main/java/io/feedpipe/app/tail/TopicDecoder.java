package io.feedpipe.app.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroCodecException;
import io.feedpipe.schemas.wire.SingleObjectCodec;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a record of one of feedpipe's topics into a JSON line: where it is (topic, partition,
 * offset, timestamp), its key, and its value decoded by the topic's schema. The dead-letter topic's
 * values are whatever failed, so they are shown as text when they are UTF-8, else base64, with the
 * error headers. A value that does not decode is shown with the error instead of stopping the tail.
 */
public final class TopicDecoder {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String topic;
  private final SingleObjectCodec<?> codec;

  public TopicDecoder(String topic) {
    this.topic = topic;
    this.codec = codecFor(topic);
  }

  static SingleObjectCodec<?> codecFor(String topic) {
    if (topic.equals(FeedpipeTopics.RAW)) {
      return SingleObjectCodec.of(FetchedPost.class);
    }
    if (topic.equals(FeedpipeTopics.STATUS)) {
      return SingleObjectCodec.of(FeedStatus.class);
    }
    if (topic.equals(FeedpipeTopics.CLEAN) || topic.equals(FeedpipeTopics.UPDATES) || topic.startsWith(FeedpipeTopics.ROUTE_PREFIX)) {
      return SingleObjectCodec.of(CleanPost.class);
    }
    return null; // posts.dlq or a topic that is not ours: raw bytes
  }

  public ObjectNode toJson(ConsumerRecord<byte[], byte[]> record) {
    ObjectNode line = JSON.objectNode();
    line.put("topic", record.topic());
    line.put("partition", record.partition());
    line.put("offset", record.offset());
    line.put("timestamp", java.time.Instant.ofEpochMilli(record.timestamp()).toString());
    line.set("key", bytes(record.key()));
    if (codec == null || record.value() == null) {
      line.set("value", bytes(record.value()));
      if (record.headers().toArray().length > 0) {
        ObjectNode headers = line.putObject("headers");
        for (Header h : record.headers()) {
          headers.set(h.key(), bytes(h.value()));
        }
      }
      return line;
    }
    try {
      line.set("value", RecordJson.of(codec.decode(record.value())));
    } catch (AvroCodecException e) {
      line.put("error", "cannot decode value on " + topic + ": " + e.getMessage());
      line.set("value", bytes(record.value()));
    }
    return line;
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

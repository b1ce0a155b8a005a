package io.feedpipe.sinks.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.client.FeedpipeTopic;
import io.feedpipe.client.consume.SafeText;
import io.feedpipe.client.consume.StandardFailures;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.sinks.json.AvroJson;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The {@code sink_rejects} row of a record PostgreSQL refused. Pure. Every text is passed through
 * {@link SafeText}: the reason may quote the refused value, and a reject refused for the same NUL
 * would stall the sink as surely as the record did. Key and value go in as bytes, which PostgreSQL
 * takes whatever they hold.
 */
final class RejectedPost {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RejectedPost() {}

  static PostWriter.Reject of(ConsumerRecord<String, CleanPost> record, Throwable failure, int maxErrorChars, int maxJsonChars) {
    Throwable culprit = StandardFailures.culprit(failure);
    String sqlState = culprit instanceof SQLException sql ? sql.getSQLState() : null;
    byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
    return new PostWriter.Reject(record.topic(), record.partition(), record.offset(), SafeText.of(StandardFailures.reason(failure), maxErrorChars),
        sqlState, key, avro(record), SafeText.of(json(record.value()), maxJsonChars));
  }

  /** The value as the topic holds it; null if it does not encode again (it decoded, so it should). */
  private static byte[] avro(ConsumerRecord<String, CleanPost> record) {
    if (record.value() == null) {
      return null;
    }
    try {
      return FeedpipeTopic.CLEAN.valueSerde().serializer().serialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String json(CleanPost value) {
    if (value == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(AvroJson.of(value));
    } catch (JsonProcessingException | RuntimeException e) {
      return "{\"error\": \"not renderable as JSON: " + e.getClass().getSimpleName() + "\"}";
    }
  }
}

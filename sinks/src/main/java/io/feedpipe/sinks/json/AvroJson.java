package io.feedpipe.sinks.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro record as plain JSON, the same shape {@code feedpipe tail} prints: field names as in the
 * schema, timestamps as ISO-8601 strings, unions as their value (not Avro's {"type": value} JSON
 * encoding), bytes as base64.
 */
public final class AvroJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private AvroJson() {}

  public static JsonNode of(Object value) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof IndexedRecord record) {
      ObjectNode node = JSON.objectNode();
      for (Schema.Field field : record.getSchema().getFields()) {
        node.set(field.name(), of(record.get(field.pos())));
      }
      return node;
    }
    if (value instanceof Collection<?> items) { // before GenericContainer: Avro's arrays are containers too
      ArrayNode array = JSON.arrayNode();
      items.forEach(item -> array.add(of(item)));
      return array;
    }
    if (value instanceof Instant instant) {
      return JSON.textNode(instant.toString());
    }
    if (value instanceof CharSequence || value instanceof GenericContainer) { // strings, enum symbols
      return JSON.textNode(value.toString());
    }
    if (value instanceof Enum<?> e) {
      return JSON.textNode(e.name());
    }
    if (value instanceof Integer i) {
      return JSON.numberNode(i);
    }
    if (value instanceof Long l) {
      return JSON.numberNode(l);
    }
    if (value instanceof Double d) {
      return JSON.numberNode(d);
    }
    if (value instanceof Float f) {
      return JSON.numberNode(f);
    }
    if (value instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = JSON.objectNode();
      map.forEach((k, v) -> node.set(String.valueOf(k), of(v)));
      return node;
    }
    return JSON.textNode(value.toString());
  }
}

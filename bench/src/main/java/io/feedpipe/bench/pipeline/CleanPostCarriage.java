package io.feedpipe.bench.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * What the records of a topic carry, field by field: the mean size per record of each top-level
 * field's content (strings as UTF-8, arrays and nested records summed, numbers and timestamps 8
 * bytes), next to the mean size of the record value as written (Avro, before Kafka's compression).
 * Says which fields make posts.clean as large as it is. One writer. Pure.
 */
public final class CleanPostCarriage {

  /** @param meanBytes mean content bytes per record */
  public record Field(String name, double meanBytes) {}

  private final Map<String, Long> fieldBytes = new LinkedHashMap<>();
  private long records;
  private long valueBytes;

  /** Adds one record and the size of its encoded value. */
  public void add(IndexedRecord record, int encodedBytes) {
    records++;
    valueBytes += encodedBytes;
    for (Schema.Field field : record.getSchema().getFields()) {
      fieldBytes.merge(field.name(), size(record.get(field.pos())), Long::sum);
    }
  }

  public long records() {
    return records;
  }

  /** Mean encoded value size per record. */
  public double meanValueBytes() {
    return records == 0 ? 0 : (double) valueBytes / records;
  }

  /** The fields, largest first. */
  public List<Field> fields() {
    List<Field> fields = new ArrayList<>();
    fieldBytes.forEach((name, bytes) -> fields.add(new Field(name, records == 0 ? 0 : (double) bytes / records)));
    fields.sort(Comparator.comparingDouble(Field::meanBytes).reversed());
    return fields;
  }

  static long size(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof CharSequence text) {
      return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }
    if (value instanceof ByteBuffer bytes) {
      return bytes.remaining();
    }
    if (value instanceof Collection<?> items) {
      return items.stream().mapToLong(CleanPostCarriage::size).sum();
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().mapToLong(e -> size(e.getKey()) + size(e.getValue())).sum();
    }
    if (value instanceof IndexedRecord record) {
      long sum = 0;
      for (Schema.Field field : record.getSchema().getFields()) {
        sum += size(record.get(field.pos()));
      }
      return sum;
    }
    if (value instanceof Boolean) {
      return 1;
    }
    if (value instanceof Integer) {
      return 4;
    }
    return 8; // longs, timestamps, doubles, enums
  }
}

package io.feedpipe.connect.mapping;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * An Avro generic value (as Avro's {@code GenericDatumReader} makes it) to the Connect value of
 * the schema {@link ConnectSchemas} derived: records to {@link Struct}s, {@code Utf8} and enum
 * symbols to {@code String}, timestamps to {@link Date}, bytes to {@code byte[]}. Pure.
 */
public final class ConnectValues {
  private ConnectValues() {}

  /** The Connect value of a top-level record under its Connect schema. */
  public static Struct toStruct(GenericRecord record, org.apache.kafka.connect.data.Schema schema) {
    return (Struct) toConnect(record.getSchema(), record, schema);
  }

  static Object toConnect(Schema avro, Object value, org.apache.kafka.connect.data.Schema connect) {
    if (value == null || value instanceof org.apache.avro.JsonProperties.Null) {
      return null;
    }
    if (avro.getType() == Schema.Type.UNION) {
      avro = ConnectSchemas.nonNullBranch(avro, connect.name() == null ? connect.type().getName() : connect.name());
    }
    switch (avro.getType()) {
      case RECORD: {
        GenericRecord record = (GenericRecord) value;
        Struct struct = new Struct(connect);
        for (Schema.Field field : avro.getFields()) {
          org.apache.kafka.connect.data.Field target = connect.field(field.name());
          struct.put(target, toConnect(field.schema(), record.get(field.pos()), target.schema()));
        }
        return struct;
      }
      case ARRAY: {
        List<Object> list = new ArrayList<>();
        for (Object element : (Iterable<?>) value) {
          list.add(toConnect(avro.getElementType(), element, connect.valueSchema()));
        }
        return list;
      }
      case MAP: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          map.put(entry.getKey().toString(), toConnect(avro.getValueType(), entry.getValue(), connect.valueSchema()));
        }
        return map;
      }
      case ENUM:
      case STRING:
        return value.toString();
      case BYTES: {
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
      }
      case FIXED:
        return ((GenericFixed) value).bytes().clone();
      case LONG: {
        long number = ((Number) value).longValue();
        return avro.getLogicalType() instanceof LogicalTypes.TimestampMillis ? new Date(number) : number;
      }
      case INT:
        return ((Number) value).intValue();
      case FLOAT:
        return ((Number) value).floatValue();
      case DOUBLE:
        return ((Number) value).doubleValue();
      case BOOLEAN:
        return value;
      default:
        throw new DataException("Avro type " + avro.getType() + " of "
            + (value instanceof GenericContainer ? ((GenericContainer) value).getSchema().getFullName() : avro.getFullName())
            + " has no Connect mapping");
    }
  }
}

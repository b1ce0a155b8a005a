package io.feedpipe.connect.mapping;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * A Connect value back to the Avro generic value of a feedpipe schema, for source connectors that
 * write feedpipe's topics. The Avro schema leads: each Avro field takes the Struct field of the same
 * name; a field the Struct's schema lacks gets the Avro default, and one without a default is an
 * error naming it. Pure.
 */
public final class AvroValues {
  private AvroValues() {}

  /** The Avro record of {@code schema} that {@code struct} describes. */
  public static GenericRecord toRecord(Struct struct, Schema schema) {
    return (GenericRecord) toAvro(schema, struct, schema.getName());
  }

  private static Object toAvro(Schema avro, Object value, String where) {
    if (avro.getType() == Schema.Type.UNION) {
      if (value == null) {
        return null;
      }
      avro = ConnectSchemas.nonNullBranch(avro, where);
    }
    if (value == null) {
      throw new DataException(where + " is null but its Avro type " + avro.getType() + " is not nullable");
    }
    try {
      switch (avro.getType()) {
        case RECORD:
          return record(avro, (Struct) value, where);
        case ARRAY: {
          List<Object> list = new ArrayList<>();
          int i = 0;
          for (Object element : (List<?>) value) {
            list.add(toAvro(avro.getElementType(), element, where + "[" + i++ + "]"));
          }
          return new GenericData.Array<>(avro, list);
        }
        case MAP: {
          Map<String, Object> map = new LinkedHashMap<>();
          for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            map.put(String.valueOf(entry.getKey()), toAvro(avro.getValueType(), entry.getValue(), where + "{" + entry.getKey() + "}"));
          }
          return map;
        }
        case ENUM: {
          String symbol = (String) value;
          if (!avro.hasEnumSymbol(symbol)) {
            throw new DataException(where + ": '" + symbol + "' is not a symbol of " + avro.getFullName() + " " + avro.getEnumSymbols());
          }
          return new GenericData.EnumSymbol(avro, symbol);
        }
        case STRING:
          return (String) value;
        case BYTES:
          return ByteBuffer.wrap(value instanceof ByteBuffer ? bytesOf((ByteBuffer) value) : (byte[]) value);
        case FIXED:
          return new GenericData.Fixed(avro, (byte[]) value);
        case LONG:
          return avro.getLogicalType() instanceof LogicalTypes.TimestampMillis ? ((Date) value).getTime() : (Long) value;
        case INT:
          return (Integer) value;
        case FLOAT:
          return (Float) value;
        case DOUBLE:
          return (Double) value;
        case BOOLEAN:
          return (Boolean) value;
        default:
          throw new DataException(where + ": Avro type " + avro.getType() + " has no Connect mapping");
      }
    } catch (ClassCastException e) {
      throw new DataException(where + ": a " + value.getClass().getSimpleName() + " cannot be written as Avro " + avro.getType(), e);
    }
  }

  private static GenericRecord record(Schema avro, Struct struct, String where) {
    GenericData.Record record = new GenericData.Record(avro);
    for (Schema.Field field : avro.getFields()) {
      String path = where + "." + field.name();
      if (struct.schema().field(field.name()) != null) {
        record.put(field.pos(), toAvro(field.schema(), struct.get(field.name()), path));
      } else if (field.hasDefaultValue()) {
        record.put(field.pos(), GenericData.get().getDefaultValue(field));
      } else {
        throw new DataException(path + " is missing from the Connect struct " + struct.schema().name() + " and has no default");
      }
    }
    return record;
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}

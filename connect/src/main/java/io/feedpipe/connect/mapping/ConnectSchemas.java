package io.feedpipe.connect.mapping;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Derives the Kafka Connect schema of an Avro schema, as Connect users expect it:
 *
 * <ul>
 *   <li>a record is a {@code STRUCT} named by the Avro full name (e.g. {@code
 *       io.feedpipe.schemas.CleanPost}), with the Avro fields in order and their docs;
 *   <li>a nullable union {@code ["null", X]} is X made optional (the only unions feedpipe uses);
 *   <li>{@code long} with {@code timestamp-millis} is Connect's {@link Timestamp} (a {@code
 *       java.util.Date}), so sinks make timestamp columns of it;
 *   <li>arrays and maps are Connect arrays and string-keyed maps;
 *   <li>an enum is a {@code STRING} whose parameters {@value #ENUM_PARAMETER} and {@value
 *       #ENUM_SYMBOLS_PARAMETER} name the enum and its symbols (Connect has no enum type);
 *   <li>a primitive field default (e.g. {@code readingTimeMinutes: 0}) is the Connect default.
 * </ul>
 *
 * <p>Pure: no Kafka or I/O. {@link #of(Schema, int)} is the schema of a top-level record version.
 */
public final class ConnectSchemas {

  /** Parameter of an enum's string schema: the Avro enum's full name. */
  public static final String ENUM_PARAMETER = "io.feedpipe.avro.enum";
  /** Parameter of an enum's string schema: its symbols in order, comma-separated. */
  public static final String ENUM_SYMBOLS_PARAMETER = "io.feedpipe.avro.enum.symbols";

  private ConnectSchemas() {}

  /**
   * The Connect schema of a top-level feedpipe record.
   *
   * @param version the released version number of {@code record} (1 for the first), set as the
   *     Connect schema's version
   */
  public static org.apache.kafka.connect.data.Schema of(Schema record, int version) {
    if (record.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("not an Avro record schema: " + record.getFullName());
    }
    SchemaBuilder builder = struct(record, record.getDoc());
    builder.version(version);
    return builder.build();
  }

  private static SchemaBuilder struct(Schema record, String doc) {
    SchemaBuilder builder = SchemaBuilder.struct().name(record.getFullName());
    if (doc != null) {
      builder.doc(doc);
    }
    for (Field field : record.getFields()) {
      builder.field(field.name(), fieldSchema(record, field));
    }
    return builder;
  }

  private static org.apache.kafka.connect.data.Schema fieldSchema(Schema record, Field field) {
    Schema avro = field.schema();
    boolean optional = false;
    if (avro.getType() == Schema.Type.UNION) {
      avro = nonNullBranch(avro, record.getName() + "." + field.name());
      optional = true;
    }
    // The field's doc says more than its type's (a nested record's or enum's) doc.
    SchemaBuilder builder = builder(avro, record.getName() + "." + field.name(), field.doc());
    if (optional) {
      builder.optional();
    } else if (field.hasDefaultValue() && isPrimitive(avro)) {
      builder.defaultValue(ConnectValues.toConnect(avro, field.defaultVal(), builder));
    }
    return builder.build();
  }

  /** The builder of {@code avro}'s Connect schema with {@code doc} (null: the type's own doc, if any). */
  private static SchemaBuilder builder(Schema avro, String where, String doc) {
    if (avro.getType() == Schema.Type.RECORD) {
      return struct(avro, doc != null ? doc : avro.getDoc());
    }
    SchemaBuilder builder = builder(avro, where);
    String text = doc != null ? doc : avro.getDoc();
    return text == null ? builder : builder.doc(text);
  }

  private static SchemaBuilder builder(Schema avro, String where) {
    LogicalType logical = avro.getLogicalType();
    switch (avro.getType()) {
      case RECORD:
        return struct(avro, avro.getDoc());
      case ENUM:
        return SchemaBuilder.string()
            .parameter(ENUM_PARAMETER, avro.getFullName())
            .parameter(ENUM_SYMBOLS_PARAMETER, String.join(",", avro.getEnumSymbols()));
      case ARRAY:
        return SchemaBuilder.array(element(avro.getElementType(), where + "[]"));
      case MAP:
        return SchemaBuilder.map(org.apache.kafka.connect.data.Schema.STRING_SCHEMA, element(avro.getValueType(), where + "{}"));
      case STRING:
        return SchemaBuilder.string();
      case BYTES:
      case FIXED:
        return SchemaBuilder.bytes();
      case INT:
        return SchemaBuilder.int32();
      case LONG:
        return logical instanceof LogicalTypes.TimestampMillis ? Timestamp.builder() : SchemaBuilder.int64();
      case FLOAT:
        return SchemaBuilder.float32();
      case DOUBLE:
        return SchemaBuilder.float64();
      case BOOLEAN:
        return SchemaBuilder.bool();
      default:
        throw new IllegalArgumentException(where + ": Avro type " + avro.getType() + " has no Connect mapping");
    }
  }

  private static org.apache.kafka.connect.data.Schema element(Schema avro, String where) {
    if (avro.getType() == Schema.Type.UNION) {
      return builder(nonNullBranch(avro, where), where, null).optional().build();
    }
    return builder(avro, where, null).build();
  }

  /** X of a union ["null", X] (either order); any other union has no Connect equivalent. */
  static Schema nonNullBranch(Schema union, String where) {
    List<Schema> branches = union.getTypes();
    List<Schema> nonNull = branches.stream().filter(s -> s.getType() != Schema.Type.NULL).collect(Collectors.toList());
    if (branches.size() != 2 || nonNull.size() != 1) {
      throw new IllegalArgumentException(where + ": only unions of null and one type map to Connect, got " + union);
    }
    return nonNull.get(0);
  }

  private static boolean isPrimitive(Schema avro) {
    switch (avro.getType()) {
      case STRING:
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
      case BOOLEAN:
        return true;
      default:
        return false;
    }
  }
}

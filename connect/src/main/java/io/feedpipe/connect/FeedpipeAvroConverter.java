package io.feedpipe.connect;

import io.feedpipe.connect.mapping.AvroValues;
import io.feedpipe.connect.mapping.ConnectSchemas;
import io.feedpipe.connect.mapping.ConnectValues;
import io.feedpipe.connect.mapping.GenericSingleObjectCodec;
import io.feedpipe.connect.mapping.GenericSingleObjectCodec.Decoded;
import io.feedpipe.schemas.wire.AvroCodecException;
import io.feedpipe.schemas.wire.ReleasedSchemas;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Kafka Connect converter for feedpipe's topics ({@code value.converter=io.feedpipe.connect.FeedpipeAvroConverter}).
 *
 * <p>{@link #toConnectData} reads a record in feedpipe's Avro single-object encoding, whichever
 * released schema version wrote it (the fingerprint says), resolves it to the current version of its
 * type and gives it as a {@link Struct} under the Connect schema {@link ConnectSchemas} derives
 * (named by the Avro full name, versioned by the released version number). {@link #fromConnectData}
 * writes such a Struct back in the current version, for source connectors.
 *
 * <p>Failures are {@link DataException}s naming the topic: Connect's {@code errors.tolerance=all}
 * then skips the record, and {@code errors.deadletterqueue.topic.name} keeps it with its partition
 * and offset in headers (a converter is not told those: Connect's error context adds them, and
 * {@code errors.log.enable=true} logs them).
 *
 * <p>Values only: keys are plain UTF-8 strings (post id, feed id), read by Connect's {@code
 * StringConverter}.
 */
public final class FeedpipeAvroConverter implements Converter {

  private final GenericSingleObjectCodec codec = new GenericSingleObjectCodec(ReleasedSchemas.bundled());
  /** Connect schema of the current version of each record type, by Avro full name: built once. */
  private final Map<String, org.apache.kafka.connect.data.Schema> connectSchemas = new ConcurrentHashMap<>();
  private FeedpipeConverterConfig config = new FeedpipeConverterConfig(Optional.empty());

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (isKey) {
      throw new ConfigException("key.converter", FeedpipeAvroConverter.class.getName(),
          "feedpipe's keys are UTF-8 strings (post id or feed id), not Avro: use "
              + "key.converter=org.apache.kafka.connect.storage.StringConverter");
    }
    FeedpipeConverterConfig parsed = FeedpipeConverterConfig.parse(configs);
    parsed.recordType().ifPresent(type -> {
      if (ReleasedSchemas.bundled().versionsOf(fullName(type)).isEmpty()) {
        throw new ConfigException(FeedpipeConverterConfig.RECORD_TYPE, type,
            "no released feedpipe schema has this name (CleanPost, FetchedPost, FeedStatus, FeedConfig, FeedState, FeedHealth)");
      }
    });
    this.config = parsed;
  }

  @Override
  public ConfigDef config() {
    return FeedpipeConverterConfig.DEFINITION;
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL; // a tombstone stays a tombstone
    }
    Decoded decoded;
    try {
      decoded = codec.decode(value);
    } catch (AvroCodecException e) {
      throw new DataException(where(topic) + ": " + e.getMessage(), e);
    }
    String type = decoded.reader().getFullName();
    if (!config.accepts(type)) {
      throw new DataException(where(topic) + ": a " + type + " record, but " + FeedpipeConverterConfig.RECORD_TYPE
          + " is " + config.recordType().orElseThrow());
    }
    org.apache.kafka.connect.data.Schema schema = connectSchemaOf(decoded.reader(), decoded.readerVersion());
    return new SchemaAndValue(schema, ConnectValues.toStruct(decoded.record(), schema));
  }

  @Override
  public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
    return toConnectData(topic, value);
  }

  @Override
  public byte[] fromConnectData(String topic, org.apache.kafka.connect.data.Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema == null || schema.type() != org.apache.kafka.connect.data.Schema.Type.STRUCT || !(value instanceof Struct struct)) {
      throw new DataException(where(topic) + ": only Structs of a feedpipe record type can be written, got "
          + (schema == null ? "a value without schema" : "a " + schema.type() + " schema"));
    }
    String type = config.recordType().map(FeedpipeAvroConverter::fullName).orElse(schema.name());
    if (type == null || ReleasedSchemas.bundled().versionsOf(type).isEmpty()) {
      throw new DataException(where(topic) + ": Connect schema " + schema.name()
          + " is not a feedpipe record type (name it like io.feedpipe.schemas.CleanPost, or set value.converter."
          + FeedpipeConverterConfig.RECORD_TYPE + ")");
    }
    if (!config.accepts(type)) {
      throw new DataException(where(topic) + ": a " + type + " struct, but " + FeedpipeConverterConfig.RECORD_TYPE
          + " is " + config.recordType().orElseThrow());
    }
    try {
      Schema avro = codec.currentVersionOf(type);
      return codec.encode(AvroValues.toRecord(struct, avro));
    } catch (AvroCodecException | DataException e) {
      throw new DataException(where(topic) + ": " + e.getMessage(), e);
    }
  }

  private org.apache.kafka.connect.data.Schema connectSchemaOf(Schema reader, int version) {
    return connectSchemas.computeIfAbsent(reader.getFullName(), name -> ConnectSchemas.of(reader, version));
  }

  private static String fullName(String type) {
    return type.contains(".") ? type : "io.feedpipe.schemas." + type;
  }

  private static String where(String topic) {
    return "feedpipe converter, topic " + topic;
  }
}

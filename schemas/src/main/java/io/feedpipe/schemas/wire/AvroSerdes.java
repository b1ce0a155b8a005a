package io.feedpipe.schemas.wire;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serdes for feedpipe's records in Avro single-object encoding. No schema registry is
 * needed: the fingerprint in each record's header names its schema, and every released schema ships
 * with this module.
 */
public final class AvroSerdes {
  private AvroSerdes() {}

  public static <T extends SpecificRecordBase> Serde<T> serde(Class<T> type) {
    return serde(SingleObjectCodec.of(type));
  }

  /** The serde of {@code codec}: what {@link #serde(Class)} is for the type's own codec. */
  public static <T extends SpecificRecordBase> Serde<T> serde(SingleObjectCodec<T> codec) {
    return Serdes.serdeFrom(serializer(codec), deserializer(codec));
  }

  public static <T extends SpecificRecordBase> Serializer<T> serializer(Class<T> type) {
    return serializer(SingleObjectCodec.of(type));
  }

  public static <T extends SpecificRecordBase> Deserializer<T> deserializer(Class<T> type) {
    return deserializer(SingleObjectCodec.of(type));
  }

  /** The serializer of {@code codec}: what {@link #serializer(Class)} is for the type's own codec. */
  public static <T extends SpecificRecordBase> Serializer<T> serializer(SingleObjectCodec<T> codec) {
    return (topic, record) -> {
      if (record == null) {
        return null; // a tombstone stays a tombstone
      }
      try {
        return codec.encode(record);
      } catch (AvroCodecException e) {
        throw new SerializationException("topic " + topic + ": " + e.getMessage(), e);
      }
    };
  }

  /** The deserializer of {@code codec}: what {@link #deserializer(Class)} is for the type's own codec. */
  public static <T extends SpecificRecordBase> Deserializer<T> deserializer(SingleObjectCodec<T> codec) {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return codec.decode(bytes);
      } catch (AvroCodecException e) {
        // SerializationException is what Kafka clients and Streams' deserialization handlers expect.
        throw new SerializationException("topic " + topic + ": " + e.getMessage(), e);
      }
    };
  }
}

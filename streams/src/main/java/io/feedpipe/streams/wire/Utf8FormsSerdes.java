package io.feedpipe.streams.wire;

import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.schemas.wire.SingleObjectCodec;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Streams stage's Avro serdes: byte for byte {@link AvroSerdes}'s (single-object encoding, the
 * same released schemas and errors), except that deserializing keeps the UTF-8 form of each long
 * string on the thread and serializing writes a kept form instead of encoding the string again
 * ({@link Utf8Forms}). Why: the stream thread encoded each long string of a post two or three times.
 */
public final class Utf8FormsSerdes {
  private Utf8FormsSerdes() {}

  public static <T extends SpecificRecordBase> Serde<T> serde(Class<T> type) {
    return AvroSerdes.serde(codec(type));
  }

  public static <T extends SpecificRecordBase> Serializer<T> serializer(Class<T> type) {
    return AvroSerdes.serializer(codec(type));
  }

  private static <T extends SpecificRecordBase> SingleObjectCodec<T> codec(Class<T> type) {
    return SingleObjectCodec.of(type, new Utf8FormsModel(SpecificData.getForClass(type)));
  }
}

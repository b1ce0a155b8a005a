package io.feedpipe.streams.topology;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serializer shared by the sinks that write the same record to several topics, which encodes it
 * once: a revision goes to {@code posts.clean} and then, the same instance, to {@code posts.updates}
 * when it is an edit and to every route it matches; encoding its HTML and text again for each of
 * them cost as much as the first time. Each stream thread remembers the last record it encoded
 * (by identity: nothing changes a record once it is forwarded) and its bytes, which the producer
 * copies and never changes. The bytes do not depend on the topic for feedpipe's Avro serializers
 * (the topic only names a failure). What it holds: one record and its bytes per stream thread.
 */
final class EncodedOnceSerializer<T> implements Serializer<T> {

  private record Encoded(Object record, byte[] bytes) {}

  private final Serializer<T> encoder;
  private final ThreadLocal<Encoded> last = new ThreadLocal<>();

  EncodedOnceSerializer(Serializer<T> encoder) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return encoder.serialize(topic, null);
    }
    Encoded encoded = last.get();
    if (encoded != null && encoded.record() == record) {
      return encoded.bytes();
    }
    byte[] bytes = encoder.serialize(topic, record);
    last.set(new Encoded(record, bytes));
    return bytes;
  }

  @Override
  public void close() {
    encoder.close();
  }
}

package io.feedpipe.client.serde;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import org.apache.kafka.common.serialization.Serdes;

/** {@link CleanPost} in Avro single-object encoding, the way feedpipe writes it. */
public final class CleanPostSerde extends Serdes.WrapperSerde<CleanPost> {
  public CleanPostSerde() {
    super(AvroSerdes.serializer(CleanPost.class), AvroSerdes.deserializer(CleanPost.class));
  }
}

package io.feedpipe.client.serde;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import org.apache.kafka.common.serialization.Serdes;

/** {@link FetchedPost} in Avro single-object encoding, the way feedpipe writes it. */
public final class FetchedPostSerde extends Serdes.WrapperSerde<FetchedPost> {
  public FetchedPostSerde() {
    super(AvroSerdes.serializer(FetchedPost.class), AvroSerdes.deserializer(FetchedPost.class));
  }
}

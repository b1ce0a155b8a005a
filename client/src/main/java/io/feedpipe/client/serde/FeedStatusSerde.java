package io.feedpipe.client.serde;

import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.wire.AvroSerdes;
import org.apache.kafka.common.serialization.Serdes;

/** {@link FeedStatus} in Avro single-object encoding, the way feedpipe writes it. */
public final class FeedStatusSerde extends Serdes.WrapperSerde<FeedStatus> {
  public FeedStatusSerde() {
    super(AvroSerdes.serializer(FeedStatus.class), AvroSerdes.deserializer(FeedStatus.class));
  }
}

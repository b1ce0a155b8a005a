package io.feedpipe.client.serde;

import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.wire.AvroSerdes;
import org.apache.kafka.common.serialization.Deserializer;

/** Decodes {@link FeedStatus} values (every released schema version); {@code null} stays {@code null}. */
public final class FeedStatusDeserializer implements Deserializer<FeedStatus> {
  private final Deserializer<FeedStatus> delegate = AvroSerdes.deserializer(FeedStatus.class);

  @Override
  public FeedStatus deserialize(String topic, byte[] data) {
    return delegate.deserialize(topic, data);
  }
}

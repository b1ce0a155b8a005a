package io.feedpipe.client.serde;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import org.apache.kafka.common.serialization.Deserializer;

/** Decodes {@link CleanPost} values (every released schema version); {@code null} stays {@code null}. */
public final class CleanPostDeserializer implements Deserializer<CleanPost> {
  private final Deserializer<CleanPost> delegate = AvroSerdes.deserializer(CleanPost.class);

  @Override
  public CleanPost deserialize(String topic, byte[] data) {
    return delegate.deserialize(topic, data);
  }
}

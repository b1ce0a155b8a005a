package io.feedpipe.client.serde;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import org.apache.kafka.common.serialization.Deserializer;

/** Decodes {@link FetchedPost} values (every released schema version); {@code null} stays {@code null}. */
public final class FetchedPostDeserializer implements Deserializer<FetchedPost> {
  private final Deserializer<FetchedPost> delegate = AvroSerdes.deserializer(FetchedPost.class);

  @Override
  public FetchedPost deserialize(String topic, byte[] data) {
    return delegate.deserialize(topic, data);
  }
}

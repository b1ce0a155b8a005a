package io.feedpipe.producer.kafka;

import io.feedpipe.schemas.FeedConfig;
import io.feedpipe.schemas.FeedState;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes the record types the producer writes (posts, statuses, feed states and feed configs) with {@link AvroSerdes}, so one Kafka
 * producer (one connection pool, one idempotence session) serves both topics.
 */
final class RecordSerializer implements Serializer<SpecificRecordBase> {
  private final Serializer<FetchedPost> posts = new FetchedPostSerializer(); // AvroSerdes.serializer's bytes, faster for HTML
  private final Serializer<FeedStatus> statuses = AvroSerdes.serializer(FeedStatus.class);
  private final Serializer<FeedState> states = AvroSerdes.serializer(FeedState.class);
  private final Serializer<FeedConfig> configs = AvroSerdes.serializer(FeedConfig.class);

  @Override
  public byte[] serialize(String topic, SpecificRecordBase record) {
    if (record == null) {
      return null;
    }
    if (record instanceof FetchedPost post) {
      return posts.serialize(topic, post);
    }
    if (record instanceof FeedStatus status) {
      return statuses.serialize(topic, status);
    }
    if (record instanceof FeedState state) {
      return states.serialize(topic, state);
    }
    if (record instanceof FeedConfig config) {
      return configs.serialize(topic, config);
    }
    throw new SerializationException("topic " + topic + ": the producer does not write " + record.getClass().getName());
  }
}

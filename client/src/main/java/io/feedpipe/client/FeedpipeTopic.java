package io.feedpipe.client;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FeedHealth;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A feedpipe topic bound to the type of its values and their serde, so a topic's name and its
 * decoding are never written down apart. The constants carry the unprefixed names; a pipeline
 * configured with {@code topics.prefix} is read through {@link #in(FeedpipeTopics)}. Keys are always UTF-8 strings: the post id on {@code
 * posts.*}, the feed id on {@code feeds.*}.
 *
 * <pre>{@code
 * var consumer = new KafkaConsumer<>(props, FeedpipeTopic.CLEAN.keyDeserializer(), FeedpipeTopic.CLEAN.valueDeserializer());
 * consumer.subscribe(List.of(FeedpipeTopic.CLEAN.name()));
 * }</pre>
 *
 * @param <V> the Avro record type of the values
 */
public final class FeedpipeTopic<V extends SpecificRecordBase> {

  /** Every fetched entry as the feed gave it, repeats included. */
  public static final FeedpipeTopic<FetchedPost> RAW = new FeedpipeTopic<>(FeedpipeTopics.RAW, FetchedPost.class);

  /** Posts to judge again with the current cleaning and routing rules, written by {@code feedpipe reprocess}. */
  public static final FeedpipeTopic<FetchedPost> REPROCESS = new FeedpipeTopic<>(FeedpipeTopics.REPROCESS, FetchedPost.class);

  /** Every revision of every post, cleaned; compacted to the latest revision per post id. */
  public static final FeedpipeTopic<CleanPost> CLEAN = new FeedpipeTopic<>(FeedpipeTopics.CLEAN, CleanPost.class);

  /** Revisions 2, 3, … of posts already seen. */
  public static final FeedpipeTopic<CleanPost> UPDATES = new FeedpipeTopic<>(FeedpipeTopics.UPDATES, CleanPost.class);

  /** One event per fetch of a feed, failures included. */
  public static final FeedpipeTopic<FeedStatus> STATUS = new FeedpipeTopic<>(FeedpipeTopics.STATUS, FeedStatus.class);

  /** Each feed's health (OK, DEGRADED, DEAD, STALE, FLAPPING), compacted to the latest per feed id. */
  public static final FeedpipeTopic<FeedHealth> HEALTH = new FeedpipeTopic<>(FeedpipeTopics.FEEDS_HEALTH, FeedHealth.class);

  private final String name;
  private final Class<V> valueType;
  private final Serde<V> valueSerde;

  private FeedpipeTopic(String name, Class<V> valueType) {
    this.name = Objects.requireNonNull(name, "name");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    this.valueSerde = AvroSerdes.serde(valueType);
  }

  /** The topic of routing rule {@code rule}: {@code posts.route.<rule>}, carrying {@link CleanPost}. */
  public static FeedpipeTopic<CleanPost> route(String rule) {
    return new FeedpipeTopic<>(FeedpipeTopics.routeTopic(rule), CleanPost.class);
  }

  /**
   * Any topic whose values are {@code type}: for example a slice of history that {@code feedpipe
   * replay --into} copied into a topic of its own.
   */
  public static <T extends SpecificRecordBase> FeedpipeTopic<T> of(String name, Class<T> type) {
    return new FeedpipeTopic<>(name, type);
  }

  /**
   * The topic by feedpipe's naming: {@code posts.raw}, {@code posts.reprocess}, {@code posts.clean}, {@code posts.updates},
   * {@code posts.route.<rule>}, {@code feeds.status}, {@code feeds.health}. Empty for {@code posts.dlq} (its values are
   * whatever failed; see {@link DeadLetter}) and for names that are not feedpipe's.
   */
  public static Optional<FeedpipeTopic<?>> byName(String name) {
    if (name.equals(RAW.name)) {
      return Optional.of(RAW);
    }
    if (name.equals(CLEAN.name)) {
      return Optional.of(CLEAN);
    }
    if (name.equals(REPROCESS.name)) {
      return Optional.of(REPROCESS);
    }
    if (name.equals(UPDATES.name)) {
      return Optional.of(UPDATES);
    }
    if (name.equals(STATUS.name)) {
      return Optional.of(STATUS);
    }
    if (name.equals(HEALTH.name)) {
      return Optional.of(HEALTH);
    }
    if (name.startsWith(FeedpipeTopics.ROUTE_PREFIX) && name.length() > FeedpipeTopics.ROUTE_PREFIX.length()) {
      return Optional.of(new FeedpipeTopic<>(name, CleanPost.class));
    }
    return Optional.empty();
  }

  /**
   * The topic by feedpipe's naming under {@code topics}' prefix: {@code news.posts.clean} is {@link
   * #CLEAN}'s type when the prefix is {@code news.}. The returned topic keeps the real name given.
   */
  public static Optional<FeedpipeTopic<?>> byName(String name, FeedpipeTopics topics) {
    return byName(topics.baseName(name)).map(base -> new FeedpipeTopic<>(name, base.valueType));
  }

  /** This topic under {@code topics}' prefix: {@code FeedpipeTopic.CLEAN.in(topics).name()} is {@code <prefix>posts.clean}. */
  public FeedpipeTopic<V> in(FeedpipeTopics topics) {
    return new FeedpipeTopic<>(topics.prefix() + name, valueType);
  }

  public String name() {
    return name;
  }

  public Class<V> valueType() {
    return valueType;
  }

  public Serde<String> keySerde() {
    return Serdes.String();
  }

  public Serde<V> valueSerde() {
    return valueSerde;
  }

  public Deserializer<String> keyDeserializer() {
    return keySerde().deserializer();
  }

  /**
   * Decodes every released version of the value's schema. A record it cannot decode fails with a
   * {@link org.apache.kafka.common.errors.SerializationException} naming the topic (a consumer
   * sees it as {@link org.apache.kafka.common.errors.RecordDeserializationException} with the
   * partition and offset).
   */
  public Deserializer<V> valueDeserializer() {
    return valueSerde.deserializer();
  }

  /** The value decoded, or {@code null} for a tombstone. */
  public V decode(byte[] value) {
    return valueDeserializer().deserialize(name, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeedpipeTopic<?> other && other.name.equals(name) && other.valueType.equals(valueType);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + valueType.hashCode();
  }

  @Override
  public String toString() {
    return name + " (" + valueType.getSimpleName() + ")";
  }
}

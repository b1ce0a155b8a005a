package io.feedpipe.app.reprocess;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads committed revisions of posts.clean from given offsets to the end as of the read's start. */
public final class CleanRevisions {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> clientProps;
  private final String topic;

  public CleanRevisions(Map<String, Object> clientProps, String cleanTopic) {
    this.clientProps = Map.copyOf(clientProps);
    this.topic = cleanTopic;
  }

  /** Every partition's end now: where revisions written from now on begin. */
  public Map<TopicPartition, Long> ends() {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions); // before asking for offsets: the consumer warns about partitions it does not hold
      return consumer.endOffsets(partitions, TIMEOUT);
    }
  }

  /** The latest revision of each of {@code postIds} in the whole topic (it is compacted to the latest). */
  public Map<String, CleanPost> latestOf(Set<String> postIds) {
    Map<String, CleanPost> latest = new HashMap<>();
    read(null, post -> {
      if (postIds.contains(post.getPostId())) {
        latest.merge(post.getPostId(), post, (a, b) -> b.getRevision() >= a.getRevision() ? b : a);
      }
    });
    return latest;
  }

  /** Hands on each revision from {@code from} (null: the beginning) to the end as of now. */
  public void read(Map<TopicPartition, Long> from, Consumer<CleanPost> each) {
    Deserializer<CleanPost> decoder = AvroSerdes.deserializer(CleanPost.class);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
      for (TopicPartition tp : partitions) {
        if (from == null || !from.containsKey(tp)) {
          consumer.seekToBeginning(List.of(tp));
        } else {
          consumer.seek(tp, from.get(tp));
        }
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new ReprocessException("reading " + topic + " took over 10 minutes; is the cluster reachable?");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition())) || r.value() == null) {
            continue;
          }
          try {
            each.accept(decoder.deserialize(r.topic(), r.value()));
          } catch (SerializationException e) {
            // not a CleanPost this feedpipe reads: not one of the revisions counted or shown
          }
        }
      }
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "feedpipe-reprocess");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
    var infos = consumer.partitionsFor(topic, TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new ReprocessException("topic " + topic + " does not exist");
    }
    return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
  }
}

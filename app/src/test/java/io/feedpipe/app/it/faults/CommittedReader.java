package io.feedpipe.app.it.faults;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.testsupport.WholeTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of CleanPosts to its current end as a downstream consumer would (read_committed),
 * keeping only what the verifier needs, so that the 100,000-post run does not hold every post's
 * text in memory.
 */
public final class CommittedReader {

  /** What the verifier needs of one record. */
  public record Seen(String postId, int revision, boolean carriesItsMarker) {}

  private CommittedReader() {}

  public static List<Seen> read(String bootstrapServers, String topic) {
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), AvroSerdes.deserializer(CleanPost.class))) {
      List<Seen> seen = new ArrayList<>();
      WholeTopic.read(consumer, topic, Duration.ofMinutes(5), record -> {
        CleanPost post = record.value();
        seen.add(new Seen(post.getPostId(), post.getRevision(), post.getText().contains(EditWorkload.marker(post.getRevision()))));
      });
      return seen;
    }
  }
}

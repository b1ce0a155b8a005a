package io.feedpipe.client.example;

import io.feedpipe.client.FeedpipeTopic;
import io.feedpipe.client.consume.DurableConsumer;
import io.feedpipe.client.consume.RevisionCheck;
import io.feedpipe.schemas.CleanPost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The example of docs/consuming.md, compiled and tested here (IdempotentConsumerIT): a downstream
 * service that keeps the latest revision of every post in its own store.
 */
public final class LatestPostsService {

  /** The service's own storage: a database table in real life. */
  public interface PostStore {
    /** The revision stored for the post, empty when there is none. */
    OptionalInt revisionOf(String postId);

    /**
     * Stores the posts in one transaction and returns once it committed. Each write replaces a
     * stored post only with a newer revision (in SQL: {@code ON CONFLICT (post_id) DO UPDATE …
     * WHERE posts.revision < EXCLUDED.revision}), so two writers racing during a rebalance agree.
     */
    void saveAll(List<CleanPost> posts) throws Exception;
  }

  /** @param topic {@link FeedpipeTopic#CLEAN}, a route topic, or a slice copied by {@code feedpipe replay --into} */
  public static DurableConsumer<CleanPost> create(String bootstrapServers, String groupId, FeedpipeTopic<CleanPost> topic, PostStore store) {
    KafkaConsumer<String, CleanPost> consumer = new KafkaConsumer<>(
        DurableConsumer.consumerProperties(bootstrapServers, groupId), topic.keyDeserializer(), topic.valueDeserializer());

    return new DurableConsumer<>(consumer, List.of(topic.name()), batch -> {
      Map<String, CleanPost> newest = new LinkedHashMap<>();
      for (ConsumerRecord<String, CleanPost> record : batch) {
        CleanPost post = record.value();
        if (post == null) {
          continue; // a tombstone: nothing to store
        }
        CleanPost pending = newest.get(post.getPostId());
        OptionalInt stored = pending != null ? OptionalInt.of(pending.getRevision()) : store.revisionOf(post.getPostId());
        if (RevisionCheck.decide(stored, post.getRevision()).apply()) {
          newest.put(post.getPostId(), post);
        }
      }
      store.saveAll(List.copyOf(newest.values())); // durable before returning: the loop commits after
    }, DurableConsumer.failOnPoison());
  }

  public static void main(String[] args) {
    PostStore store = new InMemoryPostStore(); // your database here
    DurableConsumer<CleanPost> loop = create("127.0.0.1:9092", "my-service", FeedpipeTopic.CLEAN, store);
    Runtime.getRuntime().addShutdownHook(new Thread(loop::stop));
    loop.run();
  }
}

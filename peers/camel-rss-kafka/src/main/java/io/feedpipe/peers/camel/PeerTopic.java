package io.feedpipe.peers.camel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Creates the peer's topic unless it exists: the benchmark's broker does not create topics on
 * first use, and camel-kafka does not create them. With --partitions-like, it gets as many
 * partitions as that topic (posts.raw in the benchmark), so both producers spread their records
 * alike.
 */
final class PeerTopic {

  private PeerTopic() {}

  static void ensure(PeerOptions options) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers()))) {
      Set<String> existing = admin.listTopics().names().get();
      if (existing.contains(options.topic())) {
        return;
      }
      int partitions = 1;
      if (options.partitionsLike() != null) {
        if (!existing.contains(options.partitionsLike())) {
          throw new IllegalStateException("--partitions-like: topic " + options.partitionsLike() + " does not exist on "
              + options.bootstrapServers());
        }
        TopicDescription like = admin.describeTopics(List.of(options.partitionsLike()))
            .allTopicNames().get().get(options.partitionsLike());
        partitions = like.partitions().size();
      }
      admin.createTopics(List.of(new NewTopic(options.topic(), partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("topic " + options.topic() + " could not be made ready on "
          + options.bootstrapServers() + ": " + e.getCause(), e.getCause());
    }
  }
}

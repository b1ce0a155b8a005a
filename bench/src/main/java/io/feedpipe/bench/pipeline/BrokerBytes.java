package io.feedpipe.bench.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * The size of each topic's log on the brokers ({@code Admin.describeLogDirs}): one replica per
 * partition (the largest), summed over partitions. Snapshots before and after a stage give what
 * the stage wrote ({@link WriteAmplification#growth}).
 */
final class BrokerBytes {
  private BrokerBytes() {}

  /** Log bytes per topic whose name {@code which} accepts. */
  static Map<String, Long> sizes(Admin admin, Predicate<String> which) throws Exception {
    var nodes = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).stream().map(Node::id).toList();
    Map<TopicPartition, Long> partitions = new HashMap<>();
    Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(nodes).allDescriptions().get(60, TimeUnit.SECONDS);
    for (Map<String, LogDirDescription> byDir : dirs.values()) {
      for (LogDirDescription dir : byDir.values()) {
        for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
          if (!replica.getValue().isFuture() && which.test(replica.getKey().topic())) {
            partitions.merge(replica.getKey(), replica.getValue().size(), Math::max);
          }
        }
      }
    }
    Map<String, Long> topics = new HashMap<>();
    partitions.forEach((tp, size) -> topics.merge(tp.topic(), size, Long::sum));
    return topics;
  }
}

package io.feedpipe.app.recovery;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** Records in the dedupe store's changelog (end offsets summed): what a restore from scratch reads at most. */
final class ChangelogSize {

  private ChangelogSize() {}

  static long records(Admin admin, String applicationId) throws Exception {
    String topic = applicationId + "-post-state-changelog";
    var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions();
    Map<TopicPartition, OffsetSpec> latest = partitions.stream()
        .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(r -> r.offset()).sum();
  }
}

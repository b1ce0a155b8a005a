package io.feedpipe.ops.lag;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Waits until a consumer group has committed up to the end of a topic: it has processed everything written so far. */
public final class CatchUp {
  private CatchUp() {}

  public static boolean await(Admin admin, String groupId, String topic, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (lag(admin, groupId, topic) == 0) {
          return true;
        }
      } catch (ExecutionException | TimeoutException e) {
        // the group may not exist yet; try again
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** Records in {@code topic} not yet committed by {@code groupId}. */
  public static long lag(Admin admin, String groupId, String topic) throws InterruptedException, ExecutionException, TimeoutException {
    Set<TopicPartition> partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
        .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
    Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
        .all().get(30, TimeUnit.SECONDS).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    long lag = 0;
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata c = committed.get(tp);
      lag += ends.get(tp) - (c == null ? 0 : c.offset());
    }
    return lag;
  }
}

package io.feedpipe.ops.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The Admin calls around {@link ReplayPlanner}: reads the group, the topic's offsets and the
 * broker's time index, and applies a plan. Like {@code kafka-consumer-groups}, it changes a group's
 * offsets only while the group has no live member: a running consumer would overwrite them with
 * its next commit (and read on from where it was).
 */
public final class ReplayService {
  private static final long TIMEOUT_SECONDS = 30;

  private final Admin admin;

  public ReplayService(Admin admin) {
    this.admin = admin;
  }

  /** The plan for moving {@code group} on {@code topic}; changes nothing. */
  public ReplayPlan plan(String group, String topic, ResetSpec spec, Instant now) {
    TopicDescription description = describeTopic(topic);
    describeGroup(group); // unknown group: a clear error before anything else
    Map<TopicPartition, OffsetAndMetadata> committed = call(() -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
        "read the committed offsets of group " + group);
    List<TopicPartition> partitions = description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    Map<TopicPartition, Long> starts = listOffsets(partitions, OffsetSpec.earliest());
    Map<TopicPartition, Long> ends = listOffsets(partitions, OffsetSpec.latest());
    Optional<Instant> time = spec.lookupTime(now);
    Map<TopicPartition, Long> byTime = time.isPresent() ? listOffsets(partitions, OffsetSpec.forTimestamp(time.get().toEpochMilli())) : Map.of();
    List<PartitionOffsets> offsets = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata c = committed.get(tp);
      Long t = byTime.get(tp);
      offsets.add(new PartitionOffsets(tp.partition(), c == null ? OptionalLong.empty() : OptionalLong.of(c.offset()), starts.get(tp),
          ends.get(tp), t == null || t < 0 ? OptionalLong.empty() : OptionalLong.of(t)));
    }
    return ReplayPlanner.plan(group, topic, spec, offsets);
  }

  /** The group's live members; empty when none. */
  public List<GroupMember> activeMembers(String group) {
    return describeGroup(group).members().stream().map(GroupMember::of).toList();
  }

  /**
   * Sets the plan's target offsets.
   *
   * @throws ReplayException naming the members when the group has live ones
   */
  public void execute(ReplayPlan plan) {
    List<GroupMember> members = activeMembers(plan.group());
    if (!members.isEmpty()) {
      throw refusal(plan.group(), members);
    }
    Map<TopicPartition, OffsetAndMetadata> targets = new HashMap<>();
    plan.targets().forEach((p, offset) -> targets.put(new TopicPartition(plan.topic(), p), new OffsetAndMetadata(offset)));
    try {
      admin.alterConsumerGroupOffsets(plan.group(), targets).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupNotEmptyException || e.getCause() instanceof UnknownMemberIdException) {
        throw refusal(plan.group(), activeMembers(plan.group())); // a member joined between the check and the change
      }
      throw new ReplayException("cannot set the offsets of group " + plan.group() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ReplayException("timed out setting the offsets of group " + plan.group(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException("interrupted", e);
    }
  }

  static ReplayException refusal(String group, List<GroupMember> members) {
    return new ReplayException("group " + group + " has " + members.size() + " active member(s), refusing to change its offsets "
        + "(they would overwrite them with their next commit): " + members.stream().map(GroupMember::toString).collect(Collectors.joining("; "))
        + ". Stop them first, then run this again.");
  }

  TopicDescription describeTopic(String topic) {
    try {
      return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new ReplayException("topic '" + topic + "' does not exist");
      }
      throw new ReplayException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ReplayException("timed out describing topic " + topic + " (is the broker reachable?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException("interrupted", e);
    }
  }

  ConsumerGroupDescription describeGroup(String group) {
    try {
      ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (d.groupState() == GroupState.DEAD) {
        throw unknownGroup(group);
      }
      return d;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        throw unknownGroup(group);
      }
      throw new ReplayException("cannot describe group " + group + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ReplayException("timed out describing group " + group + " (is the broker reachable?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException("interrupted", e);
    }
  }

  private static ReplayException unknownGroup(String group) {
    return new ReplayException("consumer group '" + group + "' does not exist (no members, no committed offsets); "
        + "a new group starts where its auto.offset.reset says, or copy a slice of history for it with --into");
  }

  private Map<TopicPartition, Long> listOffsets(List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec));
    Map<TopicPartition, ListOffsetsResultInfo> result = call(() -> admin.listOffsets(request).all(), "list offsets of " + partitions);
    return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private interface Call<T> {
    org.apache.kafka.common.KafkaFuture<T> start();
  }

  private static <T> T call(Call<T> call, String what) {
    try {
      return call.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new ReplayException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ReplayException("timed out trying to " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException("interrupted", e);
    }
  }
}

package io.feedpipe.ops.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what lag is made of: for each consumer group its committed offsets, live members and their
 * assignments (Admin), each partition's start and stable end (Admin, read_committed), and the
 * timestamp of the first record each group has not consumed — the record at its committed offset,
 * fetched by a consumer that joins no group. That timestamp is what makes lag in time exact rather
 * than interpolated: how long the oldest waiting record has waited.
 */
public final class LagCollector implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 30;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;
  private final Map<String, Object> clientProps;
  private KafkaConsumer<byte[], byte[]> probe;

  /** @param clientProps bootstrap servers and any client settings, for the probing consumer */
  public LagCollector(Admin admin, Map<String, Object> clientProps) {
    this.admin = admin;
    this.clientProps = Map.copyOf(clientProps);
  }

  /**
   * @param groups the groups to look at; empty: every consumer group of the cluster
   * @param topics only these topics; empty: every topic the groups have offsets for or are assigned
   */
  public List<GroupSample> collect(Collection<String> groups, Collection<String> topics) {
    List<String> ids = groups.isEmpty() ? allConsumerGroups() : List.copyOf(new TreeSet<>(groups));
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, ConsumerGroupDescription> descriptions = describe(ids, !groups.isEmpty());
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    descriptions.keySet().forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = specs.isEmpty() ? Map.of()
        : get(admin.listConsumerGroupOffsets(specs).all(), "read committed offsets");

    // per group: the topics it has offsets for or is assigned
    Map<String, Set<String>> topicsOf = new TreeMap<>();
    Map<String, Set<TopicPartition>> ownedBy = new HashMap<>();
    for (var entry : descriptions.entrySet()) {
      Set<String> t = new TreeSet<>();
      Set<TopicPartition> owned = new HashSet<>();
      for (MemberDescription m : entry.getValue().members()) {
        owned.addAll(m.assignment().topicPartitions());
      }
      committed.getOrDefault(entry.getKey(), Map.of()).forEach((tp, om) -> {
        if (om != null) {
          t.add(tp.topic());
        }
      });
      owned.forEach(tp -> t.add(tp.topic()));
      if (!topics.isEmpty()) {
        t.retainAll(topics);
      }
      topicsOf.put(entry.getKey(), t);
      ownedBy.put(entry.getKey(), owned);
    }
    Set<String> allTopics = topicsOf.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
    Map<String, TopicDescription> topicDescriptions = allTopics.isEmpty() ? Map.of()
        : get(admin.describeTopics(allTopics).allTopicNames(), "describe topics " + allTopics);
    List<TopicPartition> partitions = new ArrayList<>();
    topicDescriptions.forEach((name, d) -> d.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
    Map<TopicPartition, Long> starts = listOffsets(partitions, OffsetSpec.earliest());
    Map<TopicPartition, Long> ends = listOffsets(partitions, OffsetSpec.latest());

    // first the numbers, then one round of timestamp probes for every partition that has lag
    record Pending(String group, TopicPartition tp, long committed, long start, long end, long lag, boolean owned) {}
    List<Pending> pending = new ArrayList<>();
    Map<TopicPartition, Set<Long>> wanted = new HashMap<>();
    for (var entry : topicsOf.entrySet()) {
      String group = entry.getKey();
      for (String topic : entry.getValue()) {
        TopicDescription d = topicDescriptions.get(topic);
        if (d == null) {
          continue; // deleted since
        }
        for (var p : d.partitions()) {
          TopicPartition tp = new TopicPartition(topic, p.partition());
          OffsetAndMetadata om = committed.getOrDefault(group, Map.of()).get(tp);
          long c = om == null ? -1 : om.offset();
          long start = starts.getOrDefault(tp, 0L);
          long end = ends.getOrDefault(tp, 0L);
          long lag = PartitionSample.lag(c, start, end);
          pending.add(new Pending(group, tp, c, start, end, lag, ownedBy.get(group).contains(tp)));
          if (lag > 0) {
            wanted.computeIfAbsent(tp, x -> new TreeSet<>()).add(c < 0 ? start : Math.max(c, start));
          }
        }
      }
    }
    Map<TopicPartition, Map<Long, Instant>> timestamps = probe(wanted, ends);

    Map<String, List<PartitionSample>> samples = new TreeMap<>();
    for (Pending p : pending) {
      long position = p.committed() < 0 ? p.start() : Math.max(p.committed(), p.start());
      Optional<Instant> oldest = p.lag() == 0 ? Optional.empty()
          : Optional.ofNullable(timestamps.getOrDefault(p.tp(), Map.of()).get(position));
      samples.computeIfAbsent(p.group(), g -> new ArrayList<>())
          .add(new PartitionSample(p.tp().topic(), p.tp().partition(), p.committed(), p.start(), p.end(), p.lag(), oldest, p.owned()));
    }
    List<GroupSample> out = new ArrayList<>();
    for (String group : topicsOf.keySet()) {
      ConsumerGroupDescription d = descriptions.get(group);
      out.add(new GroupSample(group, d.groupState().toString(), d.members().size(), samples.getOrDefault(group, List.of())));
    }
    return out;
  }

  /**
   * The timestamp of the first record at or after each wanted offset. A consumer has one position
   * per partition, so several offsets of one partition (several groups) take several rounds.
   */
  private Map<TopicPartition, Map<Long, Instant>> probe(Map<TopicPartition, Set<Long>> wanted, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Map<Long, Instant>> found = new HashMap<>();
    Map<TopicPartition, List<Long>> queue = new HashMap<>();
    wanted.forEach((tp, offsets) -> queue.put(tp, new ArrayList<>(offsets)));
    while (queue.values().stream().anyMatch(l -> !l.isEmpty())) {
      Map<TopicPartition, Long> round = new HashMap<>();
      queue.forEach((tp, offsets) -> {
        if (!offsets.isEmpty()) {
          round.put(tp, offsets.remove(0));
        }
      });
      KafkaConsumer<byte[], byte[]> consumer = probe();
      consumer.assign(round.keySet());
      round.forEach(consumer::seek);
      Map<TopicPartition, Long> open = new HashMap<>(round);
      long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          Long offset = open.get(tp);
          if (offset != null && r.offset() >= offset) {
            found.computeIfAbsent(tp, x -> new HashMap<>()).put(offset, Instant.ofEpochMilli(r.timestamp()));
            open.remove(tp);
            consumer.pause(List.of(tp));
          }
        }
        // only transaction markers left before the end: nothing to time
        open.keySet().removeIf(tp -> consumer.position(tp) >= ends.getOrDefault(tp, Long.MAX_VALUE));
      }
      consumer.assign(List.of());
    }
    return found;
  }

  private KafkaConsumer<byte[], byte[]> probe() {
    if (probe == null) {
      Map<String, Object> props = new HashMap<>(clientProps);
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      props.put(ConsumerConfig.CLIENT_ID_CONFIG, "feedpipe-lag");
      props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
      props.remove(ConsumerConfig.GROUP_ID_CONFIG);
      probe = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
    return probe;
  }

  private List<String> allConsumerGroups() {
    Collection<GroupListing> listings = get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), "list consumer groups");
    return listings.stream().map(GroupListing::groupId).sorted().toList();
  }

  private Map<String, ConsumerGroupDescription> describe(List<String> ids, boolean named) {
    Map<String, ConsumerGroupDescription> out = new TreeMap<>();
    var result = admin.describeConsumerGroups(ids).describedGroups();
    for (String id : ids) {
      try {
        ConsumerGroupDescription d = result.get(id).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (d.groupState() == GroupState.DEAD) {
          if (named) {
            throw unknown(id);
          }
          continue;
        }
        out.put(id, d);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof GroupIdNotFoundException) {
          if (named) {
            throw unknown(id);
          }
          continue;
        }
        throw new LagException("cannot describe group " + id + ": " + e.getCause().getMessage(), e.getCause());
      } catch (TimeoutException e) {
        throw new LagException("timed out describing group " + id + " (is the broker reachable?)", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LagException("interrupted", e);
      }
    }
    return out;
  }

  private static LagException unknown(String group) {
    return new LagException("consumer group '" + group + "' does not exist (no members, no committed offsets)");
  }

  private Map<TopicPartition, Long> listOffsets(List<TopicPartition> partitions, OffsetSpec spec) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec));
    // read_committed: the end a transactional topic's consumers can reach (its last stable offset)
    var result = get(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(), "list offsets");
    return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static <T> T get(KafkaFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new LagException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new LagException("timed out trying to " + what + " (is the broker reachable?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LagException("interrupted", e);
    }
  }

  @Override
  public void close() {
    if (probe != null) {
      probe.close();
    }
  }
}

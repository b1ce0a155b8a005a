package io.feedpipe.schemas.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates feedpipe's topics when missing and checks the ones that exist. Idempotent: run at every
 * start by every component. A topic that exists with a different partition count is only reported
 * (changing it would move keys between partitions); one that should be compacted but is not is an
 * error, since posts.clean's contract depends on it.
 */
public final class TopicCreator {
  private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);
  private static final long TIMEOUT_SECONDS = 60;

  private final Admin admin;

  public TopicCreator(Admin admin) {
    this.admin = admin;
  }

  /** Returns the names of the topics it created. */
  public List<String> ensure(Collection<TopicSpec> specs) {
    try {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<TopicSpec> missing = specs.stream().filter(s -> !existing.contains(s.name())).toList();
      List<String> created = new ArrayList<>();
      if (!missing.isEmpty()) {
        var result = admin.createTopics(missing.stream().map(TopicSpec::toNewTopic).toList());
        for (TopicSpec spec : missing) {
          try {
            result.values().get(spec.name()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            created.add(spec.name());
            log.info("created topic {} ({} partitions, {})", spec.name(), spec.partitions(), spec.configs());
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // another instance won the race: fine
              throw new IllegalStateException("cannot create topic " + spec.name() + ": " + e.getCause().getMessage(), e.getCause());
            }
          }
        }
      }
      awaitLeaders(created);
      checkExisting(specs.stream().filter(s -> existing.contains(s.name())).toList());
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list or create topics on the Kafka cluster: " + e, e);
    }
  }

  /**
   * Waits until every partition of the new topics has a leader in the metadata. The controller
   * acknowledges a creation before the brokers have opened the partitions; an idempotent producer
   * writing at once may then see its first batch refused as not-leader while a later one lands,
   * after which the broker refuses the first batch as out of sequence until it expires (seen once
   * with an embedded broker, see docs/benchmarks-and-faults.md). This narrows that window; it does
   * not close it (a broker publishes the leader in its metadata a moment before it has opened the
   * partition, and topics another instance created are not waited for). What closes it for
   * feedpipe's producer is that it re-fetches whatever was not acknowledged.
   */
  private void awaitLeaders(List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
    if (topics.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      List<String> waiting = new ArrayList<>();
      try {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        described.forEach((name, d) -> d.partitions().stream().filter(p -> p.leader() == null || p.leader().isEmpty())
            .forEach(p -> waiting.add(name + "-" + p.partition())));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        waiting.add(e.getCause().getMessage()); // not in this broker's metadata yet
      }
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("created topics, but these partitions have no leader after " + TIMEOUT_SECONDS + " s: " + waiting);
      }
      Thread.sleep(50);
    }
  }

  private void checkExisting(List<TopicSpec> specs) throws InterruptedException, ExecutionException, TimeoutException {
    if (specs.isEmpty()) {
      return;
    }
    Map<String, TopicDescription> descriptions =
        admin.describeTopics(specs.stream().map(TopicSpec::name).toList()).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    List<ConfigResource> compactedResources = specs.stream().filter(TopicSpec::compacted)
        .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
    Map<ConfigResource, Config> configs = compactedResources.isEmpty() ? Map.of()
        : admin.describeConfigs(compactedResources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    for (TopicSpec spec : specs) {
      int actual = descriptions.get(spec.name()).partitions().size();
      if (actual != spec.partitions()) {
        log.warn("topic {} exists with {} partitions, configuration says {}: keeping {} (changing it would move keys between partitions)",
            spec.name(), actual, spec.partitions(), actual);
      }
    }
    for (var entry : configs.entrySet()) {
      var policy = entry.getValue().get("cleanup.policy");
      String value = policy == null ? "" : policy.value();
      Set<String> policies = Set.of(value.split(",")).stream().map(String::strip).collect(Collectors.toSet());
      if (!policies.contains("compact")) {
        throw new IllegalStateException("topic " + entry.getKey().name() + " exists with cleanup.policy=" + value
            + " but feedpipe needs it compacted (cleanup.policy=compact): fix it with kafka-configs --alter --add-config cleanup.policy=compact");
      }
    }
  }
}

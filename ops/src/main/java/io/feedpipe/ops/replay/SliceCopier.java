package io.feedpipe.ops.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies a slice of a topic's history into a new topic, for a new service to bootstrap from
 * without touching any group's offsets. The copy keeps each record's key, value, headers,
 * timestamp and partition number (the new topic gets the source's partition count and cleanup
 * policy), so per-post order and keying survive. Reads committed records only.
 *
 * <p>The slice of each partition is bounded by the broker's time index: from the first offset
 * whose timestamp is at or after {@code from}, to the first at or after {@code until} (or the end
 * as of the start). Not transactional: a copy cut short leaves a partial topic; delete it and run
 * again. A target topic that exists and holds records is refused, so a slice is never copied twice.
 */
public final class SliceCopier {
  private static final long TIMEOUT_SECONDS = 30;
  private static final Duration STUCK = Duration.ofSeconds(60);

  /** Told how far the copy is, at most a few times a second. */
  @FunctionalInterface
  public interface Progress {
    void update(long scanned, long total, long copied);
  }

  /** What a copy did. */
  public record Result(long scanned, long copied, int partitions, boolean createdTopic, Duration took) {}

  private final Admin admin;
  private final Map<String, Object> clientProps;

  /** @param clientProps bootstrap servers and any client settings (security) */
  public SliceCopier(Admin admin, Map<String, Object> clientProps) {
    this.admin = admin;
    this.clientProps = Map.copyOf(clientProps);
  }

  public Result copy(SliceSpec spec, Progress progress) {
    long started = System.nanoTime();
    ReplayService service = new ReplayService(admin);
    TopicDescription source = service.describeTopic(spec.sourceTopic());
    int partitions = source.partitions().size();
    boolean created = prepareTarget(spec, partitions);

    Map<String, Object> consumerProps = new HashMap<>(clientProps);
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "feedpipe-replay-into");
    Map<String, Object> producerProps = new HashMap<>(clientProps);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "feedpipe-replay-into");
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);

    SliceFilter filter = new SliceFilter(spec.sourceTopic(), spec.feedId());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        tps.add(new TopicPartition(spec.sourceTopic(), p));
      }
      // read_committed: the window ends at the last stable offsets
      OffsetWindow window = OffsetWindow.of(consumer, tps, Optional.of(spec.from()), spec.until(), Duration.ofSeconds(TIMEOUT_SECONDS));
      long total = window.total();
      long[] copied = {0};
      List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
      long scanned = window.read(consumer, STUCK, (read, open) -> new ReplayException("no record arrived for " + STUCK.toSeconds()
          + " s while copying " + open + " (scanned " + read + " of " + total + "); the target topic " + spec.targetTopic()
          + " is incomplete: delete it and run again"), new OffsetWindow.Reader() {
            @Override
            public void record(ConsumerRecord<byte[], byte[]> r) {
              if (filter.accepts(r.key(), r.value())) {
                sends.add(producer.send(new ProducerRecord<>(spec.targetTopic(), r.partition(), r.timestamp(), r.key(), r.value(), r.headers())));
                copied[0]++;
              }
              if (sends.size() > 10_000) {
                awaitSends(producer, sends, spec);
              }
            }

            @Override
            public void progress(long read) {
              progress.update(read, total, copied[0]);
            }
          });
      awaitSends(producer, sends, spec);
      progress.update(scanned, Math.max(total, scanned), copied[0]);
      return new Result(scanned, copied[0], partitions, created, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private static void awaitSends(KafkaProducer<byte[], byte[]> producer, List<java.util.concurrent.Future<?>> sends, SliceSpec spec) {
    producer.flush();
    try {
      for (var send : sends) {
        send.get();
      }
    } catch (ExecutionException e) {
      throw new ReplayException("writing to " + spec.targetTopic() + " failed: " + e.getCause().getMessage()
          + "; the topic is incomplete: delete it and run again", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException("interrupted; " + spec.targetTopic() + " is incomplete", e);
    }
    sends.clear();
  }

  /** Per partition, the first offset at or after {@code timestamp}, or the end when there is none. */
  /** Creates the target like the source, or checks an existing one is empty; true when created. */
  private boolean prepareTarget(SliceSpec spec, int partitions) {
    try {
      boolean exists = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).contains(spec.targetTopic());
      if (exists) {
        TopicDescription target = admin.describeTopics(List.of(spec.targetTopic())).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .get(spec.targetTopic());
        Map<TopicPartition, OffsetSpec> latest = target.partitions().stream()
            .collect(Collectors.toMap(p -> new TopicPartition(spec.targetTopic(), p.partition()), p -> OffsetSpec.latest()));
        long records = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values().stream()
            .mapToLong(i -> i.offset()).sum();
        if (records > 0) {
          throw new ReplayException("topic " + spec.targetTopic() + " already exists and holds " + records
              + " record(s); copy into a new topic (or delete this one first)");
        }
        if (target.partitions().size() != partitions) {
          throw new ReplayException("topic " + spec.targetTopic() + " exists with " + target.partitions().size() + " partitions, "
              + spec.sourceTopic() + " has " + partitions + "; the copy keeps partition numbers, so they must match");
        }
        return false;
      }
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.sourceTopic());
      Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
      Map<String, String> configs = new HashMap<>();
      Optional.ofNullable(config.get("cleanup.policy")).ifPresent(e -> configs.put("cleanup.policy", e.value()));
      admin.createTopics(List.of(new NewTopic(spec.targetTopic(), Optional.of(partitions), Optional.empty()).configs(configs)))
          .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      throw new ReplayException("cannot prepare topic " + spec.targetTopic() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ReplayException("timed out preparing topic " + spec.targetTopic(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException("interrupted", e);
    }
  }
}

package io.feedpipe.client.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume loop of a downstream service: poll a batch, hand it to a {@link BatchHandler} that
 * makes its effects durable, and only then commit the batch's offsets. A crash anywhere before the
 * commit delivers the batch again, so nothing is lost; the handler is written to be idempotent
 * (see {@link RevisionCheck}), so nothing is applied twice. That is at-least-once delivery with
 * effectively-once results, without Kafka transactions reaching into the downstream store.
 *
 * <p>A record is the unit of failure. When the handler throws, a {@link FailureClassifier}
 * (default {@link StandardFailures}) decides whose fault it is:
 *
 * <ul>
 *   <li>{@link FailureKind#TRANSIENT} (connection lost, deadlock, timeout, disk full, anything
 *       unknown): nothing is committed; the loop seeks back to the start of the batch and delivers
 *       it again after a backoff (1 s, doubling to 30 s), for as long as it takes, so a database
 *       outage pauses the consumer instead of skipping records.
 *   <li>{@link FailureKind#DETERMINISTIC} (the records themselves cannot be written: a NUL
 *       character, a timestamp out of the store's range, a broken constraint): retrying would fail
 *       forever, so the loop bisects the batch ({@link BatchBisection}) — it hands the handler each
 *       half, and the halves of a half that fails, down to single records — until the records at
 *       fault are alone. Each goes with its failure to the {@link RejectHandler}, which keeps it
 *       somewhere durable; every other record of the batch is written, in order; then the batch
 *       is committed and the loop goes on. A handler therefore sees parts of a batch again: the
 *       idempotency it needs anyway makes that harmless. A transient failure during the search
 *       retries the whole batch as above.
 * </ul>
 *
 * <p>A reject that fails transiently retries the whole batch too; one that fails
 * deterministically stops the loop with a {@link RejectFailedException} naming the record (write
 * rejects with {@link SafeText} so that cannot happen). Without a reject handler ({@link
 * #stopOnReject()}, what the four-argument constructor uses) the loop writes the good records and
 * stops at the first bad one: a deterministic failure never retries forever. A record whose value
 * does not decode goes to the {@link PoisonHandler}; by default the loop stops on it.
 *
 * <p>A {@link ConsumeListener} (see {@link #withListener}) is told about every batch, reject and
 * commit, for metrics.
 *
 * <p>One thread: {@link #run()} blocks until {@link #stop()} (from any thread, e.g. a shutdown
 * hook). The loop owns the consumer and closes it.
 *
 * @param <V> the record value type (see {@link io.feedpipe.client.FeedpipeTopic})
 */
public final class DurableConsumer<V> implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(DurableConsumer.class);

  /** Handles one polled batch. */
  @FunctionalInterface
  public interface BatchHandler<V> {
    /**
     * Processes the batch and makes its effects durable before returning (commit the database
     * transaction, fsync the file, get the remote system's acknowledgement). The same records may
     * come again (after a crash before the commit, a rebalance, a replay): processing them again
     * must leave the same result. Throw to have the whole batch delivered again; commit nothing
     * partial that a redelivery would not overwrite or skip.
     */
    void handle(List<ConsumerRecord<String, V>> batch) throws Exception;
  }

  /** Decides what happens to a record whose key or value does not decode. */
  @FunctionalInterface
  public interface PoisonHandler {
    /**
     * Returns to skip the record (its offset is committed); throws to stop the loop with the
     * exception. The exception carries the topic, partition, offset and the raw key and value.
     * Write the record somewhere durable before returning: nothing should be dropped silently.
     */
    void handle(RecordDeserializationException e) throws Exception;
  }

  /** Keeps a record that can never be written, with the failure it caused. */
  @FunctionalInterface
  public interface RejectHandler<V> {
    /**
     * Writes the record somewhere durable (a rejects table, a rejects file, a dead-letter topic)
     * before returning; its offset is committed afterwards. {@link StandardFailures#reason} gives
     * a text of the failure. It may be called again for the same record (a crash before the
     * commit, a transient failure later in the batch): keep one copy per topic, partition and
     * offset, or accept duplicates. Throwing a transient failure retries the batch; a
     * deterministic one stops the loop.
     */
    void reject(ConsumerRecord<String, V> record, Throwable failure) throws Exception;
  }

  /** No reject handler: the loop stops on a record that can never be written. */
  public static <V> RejectHandler<V> stopOnReject() {
    return (record, failure) -> {
      throw new DeterministicFailureException("no reject handler is configured", failure);
    };
  }

  /** Stops the loop on a record that does not decode: the safe default. */
  public static PoisonHandler failOnPoison() {
    return e -> {
      throw e;
    };
  }

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final Consumer<String, V> consumer;
  private final List<String> topics;
  private final BatchHandler<V> handler;
  private final PoisonHandler poison;
  private final FailureClassifier classifier;
  private final RejectHandler<V> rejects;
  private final Duration pollTimeout;
  private final Duration firstBackoff;
  private volatile ConsumeListener listener = ConsumeListener.NONE;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong recordsHandled = new AtomicLong();
  private final AtomicLong recordsRejected = new AtomicLong();
  private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

  /** Classifies failures with {@link StandardFailures}; stops on a record that can never be written. */
  public DurableConsumer(Consumer<String, V> consumer, Collection<String> topics, BatchHandler<V> handler, PoisonHandler poison) {
    this(consumer, topics, handler, poison, FailureClassifier.standard(), stopOnReject());
  }

  /** Isolates records that can never be written ({@code classifier} says which) and hands them to {@code rejects}. */
  public DurableConsumer(Consumer<String, V> consumer, Collection<String> topics, BatchHandler<V> handler, PoisonHandler poison,
      FailureClassifier classifier, RejectHandler<V> rejects) {
    this(consumer, topics, handler, poison, classifier, rejects, POLL_TIMEOUT, FIRST_BACKOFF);
  }

  DurableConsumer(Consumer<String, V> consumer, Collection<String> topics, BatchHandler<V> handler, PoisonHandler poison,
      Duration pollTimeout, Duration firstBackoff) {
    this(consumer, topics, handler, poison, FailureClassifier.standard(), stopOnReject(), pollTimeout, firstBackoff);
  }

  DurableConsumer(Consumer<String, V> consumer, Collection<String> topics, BatchHandler<V> handler, PoisonHandler poison,
      FailureClassifier classifier, RejectHandler<V> rejects, Duration pollTimeout, Duration firstBackoff) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.topics = List.copyOf(topics);
    if (this.topics.isEmpty()) {
      throw new IllegalArgumentException("at least one topic is needed");
    }
    this.handler = Objects.requireNonNull(handler, "handler");
    this.poison = Objects.requireNonNull(poison, "poison");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.rejects = Objects.requireNonNull(rejects, "rejects");
    this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
    this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
  }

  /**
   * Tells {@code listener} about every batch, reject and commit from now on (set it before {@link
   * #run()}); returns this loop.
   */
  public DurableConsumer<V> withListener(ConsumeListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Consumer settings for this loop. Set explicitly even where they equal Kafka's defaults, so a
   * conflicting setting merged in later is visible here:
   *
   * <ul>
   *   <li>{@code enable.auto.commit=false}: only the loop commits, after the handler returned;
   *   <li>{@code isolation.level=read_committed}: feedpipe's Streams app writes in transactions;
   *       an aborted write must never reach a downstream store;
   *   <li>{@code auto.offset.reset=earliest}: a new group starts from the oldest record, so a new
   *       service gets the whole history (on {@code posts.clean}, the latest revision of every post).
   * </ul>
   */
  public static Properties consumerProperties(String bootstrapServers, String groupId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.putAll(safetySettings());
    return props;
  }

  /** The settings {@link #consumerProperties} fixes; callers merging their own properties put these last. */
  public static Map<String, Object> safetySettings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return settings;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(topics, new RebalanceListener());
      Duration backoff = firstBackoff;
      while (stopRequested.getCount() > 0) {
        ConsumerRecords<String, V> records;
        try {
          records = consumer.poll(pollTimeout);
        } catch (WakeupException e) {
          continue; // stop() woke us; the loop condition decides
        } catch (RecordDeserializationException e) {
          handlePoison(e);
          continue;
        }
        if (records.isEmpty()) {
          // The position can move without records: past transaction markers, which end every
          // write of feedpipe's Streams app. Committing that keeps the group's lag at 0 when it is
          // caught up, instead of 1 per partition forever.
          Map<TopicPartition, OffsetAndMetadata> advanced = advancedPositions(Map.of());
          if (!advanced.isEmpty()) {
            commit(advanced);
          }
          continue;
        }
        List<ConsumerRecord<String, V>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        long started = System.nanoTime();
        try {
          handler.handle(batch);
          recordsHandled.addAndGet(batch.size());
        } catch (Exception e) {
          long handledBefore = recordsHandled.get();
          Throwable transientFailure = classifier.classify(e) == FailureKind.DETERMINISTIC ? isolateRejects(batch, e) : e;
          if (transientFailure == null) {
            backoff = firstBackoff;
            commit(advancedPositions(nextOffsets(batch)));
            listener.batchDone((int) (recordsHandled.get() - handledBefore), System.nanoTime() - started);
            continue;
          }
          log.warn("handler failed on {} record(s) ({}); nothing committed, delivering them again in {} ms: {}",
              batch.size(), describe(batch), backoff.toMillis(), transientFailure.toString());
          rewind(batch);
          if (stopRequested.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
            break;
          }
          backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
          continue;
        }
        backoff = firstBackoff;
        commit(advancedPositions(nextOffsets(batch)));
        listener.batchDone(batch.size(), System.nanoTime() - started);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        consumer.close();
      } finally {
        stopped.countDown();
      }
    }
  }

  /** Asks the loop to stop after the batch in hand; returns at once. */
  public void stop() {
    stopRequested.countDown();
    consumer.wakeup();
  }

  /** Stops the loop and waits up to {@code timeout} for it to close the consumer. */
  public boolean stopAndAwait(Duration timeout) throws InterruptedException {
    stop();
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Records handed to the handler that returned normally (redeliveries count again). */
  public long recordsHandled() {
    return recordsHandled.get();
  }

  /** Records handed to the {@link RejectHandler} that returned normally. */
  public long recordsRejected() {
    return recordsRejected.get();
  }

  /**
   * After a deterministic failure of {@code batch}: writes every record not at fault and rejects
   * the others. Returns null when the batch is done (commit it), else the transient failure that
   * interrupted (retry the whole batch). Throws {@link RejectFailedException} when a reject fails
   * deterministically.
   */
  private Throwable isolateRejects(List<ConsumerRecord<String, V>> batch, Exception failure) {
    log.warn("handler failed on {} record(s) ({}) because of their content; isolating the records at fault: {}", batch.size(),
        describe(batch), failure.toString());
    BatchBisection.Outcome<ConsumerRecord<String, V>> outcome = BatchBisection.isolate(batch, failure, handler::handle, classifier);
    if (outcome instanceof BatchBisection.Interrupted<ConsumerRecord<String, V>> interrupted) {
      return interrupted.failure();
    }
    BatchBisection.Isolated<ConsumerRecord<String, V>> isolated = (BatchBisection.Isolated<ConsumerRecord<String, V>>) outcome;
    recordsHandled.addAndGet(isolated.written());
    for (BatchBisection.Rejected<ConsumerRecord<String, V>> bad : isolated.rejected()) {
      ConsumerRecord<String, V> record = bad.item();
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      String reason = StandardFailures.reason(bad.reason());
      try {
        rejects.reject(record, bad.reason());
      } catch (Exception e) {
        if (classifier.classify(e) == FailureKind.DETERMINISTIC) {
          throw new RejectFailedException(tp, record.offset(), reason, e);
        }
        return e;
      }
      recordsRejected.incrementAndGet();
      listener.rejected(bad.reason());
      log.error("rejected the record at {} offset {} (key {}): it can never be written: {}", tp, record.offset(),
          SafeText.of(record.key(), 200), SafeText.of(reason, 2_000));
    }
    return null;
  }

  /** The offsets last committed, per partition (the next offset to read). */
  public Map<TopicPartition, Long> committedOffsets() {
    return Map.copyOf(committed);
  }

  /**
   * {@code batchOffsets} (one past each partition's last handled record), moved on to the
   * consumer's position where that is further: the position only ever passes records the handler
   * got or records a read_committed consumer must skip (transaction markers, aborted writes).
   * Partitions whose offset would not move are left out.
   */
  private Map<TopicPartition, OffsetAndMetadata> advancedPositions(Map<TopicPartition, OffsetAndMetadata> batchOffsets) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(batchOffsets);
    for (TopicPartition tp : consumer.assignment()) {
      OffsetAndMetadata fromBatch = offsets.get(tp);
      Long last = committed.get(tp);
      if (fromBatch == null && last == null) {
        continue; // nothing read here yet
      }
      long position;
      try {
        position = consumer.position(tp, Duration.ofSeconds(5));
      } catch (org.apache.kafka.common.errors.TimeoutException | WakeupException | IllegalStateException e) {
        continue;
      }
      long floor = fromBatch != null ? fromBatch.offset() : last;
      if (position > floor) {
        offsets.put(tp, new OffsetAndMetadata(position));
      }
    }
    return offsets;
  }

  private void handlePoison(RecordDeserializationException e) throws InterruptedException {
    TopicPartition tp = e.topicPartition();
    try {
      poison.handle(e);
    } catch (Exception fatal) {
      throw new PoisonRecordException(tp, e.offset(), fatal);
    }
    listener.poisonSkipped(e);
    log.error("skipped a record that does not decode at {} offset {}: {}", tp, e.offset(), e.getMessage());
    consumer.seek(tp, e.offset() + 1);
    commit(Map.of(tp, new OffsetAndMetadata(e.offset() + 1)));
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    for (int attempt = 1; ; attempt++) {
      try {
        consumer.commitSync(offsets);
        offsets.forEach((tp, om) -> committed.put(tp, om.offset()));
        if (!offsets.isEmpty()) {
          listener.committed();
        }
        return;
      } catch (WakeupException e) {
        // stop() came while committing: the work is durable, so finish the commit (wakeup is one-shot)
        if (attempt >= 2) {
          return;
        }
      } catch (CommitFailedException | RebalanceInProgressException e) {
        // The partitions moved to another member, which will deliver these records again: the
        // handler's idempotency turns that into a no-op.
        log.warn("commit of {} failed ({}); the new owner of those partitions processes them again", offsets.keySet(), e.toString());
        return;
      }
    }
  }

  private void rewind(List<ConsumerRecord<String, V>> batch) {
    Map<TopicPartition, Long> first = new LinkedHashMap<>();
    for (ConsumerRecord<String, V> r : batch) {
      first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
    }
    first.forEach((tp, offset) -> {
      if (consumer.assignment().contains(tp)) {
        consumer.seek(tp, offset);
      }
    });
  }

  static <V> Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, V>> batch) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<String, V> r : batch) {
      offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1, r.leaderEpoch(), ""));
    }
    return offsets;
  }

  private static <V> String describe(List<ConsumerRecord<String, V>> batch) {
    Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
    for (ConsumerRecord<String, V> r : batch) {
      ranges.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new long[] {r.offset(), r.offset()})[1] = r.offset();
    }
    StringBuilder text = new StringBuilder();
    ranges.forEach((tp, range) -> text.append(text.length() == 0 ? "" : ", ").append(tp).append(" offsets ").append(range[0]).append('-').append(range[1]));
    return text.toString();
  }

  private final class RebalanceListener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        log.info("partitions revoked: {}", partitions);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      log.info("partitions assigned: {}", partitions);
      try {
        consumer.committed(new java.util.HashSet<>(partitions), Duration.ofSeconds(10)).forEach((tp, om) -> {
          if (om != null) {
            committed.put(tp, om.offset());
          }
        });
      } catch (RuntimeException e) {
        log.debug("committed offsets of {} not known yet: {}", partitions, e.toString());
      }
    }
  }
}

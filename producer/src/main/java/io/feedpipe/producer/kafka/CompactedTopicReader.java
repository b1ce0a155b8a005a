package io.feedpipe.producer.kafka;

import io.feedpipe.producer.ProducerThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of a topic, outside any consumer group, to the end offsets taken when the
 * read starts — the usual way to load a compacted topic ({@code feeds.config}, {@code feeds.state}),
 * and to read a slice of any other. Records go to a handler in partition order; a record with a
 * null value is a tombstone, which {@link #latest} turns into a removal. Either once, in the calling
 * thread ({@link #readToEnd}), or in a thread of its own that then keeps following the topic
 * ({@link #follow}): its future completes when the reader has caught up, and {@link #catchUp()}
 * asks it to catch up again with what was written since.
 *
 * <p>Needs only kafka-clients: it belongs in the {@code client} module (the downstream library)
 * and lives here until it can move; the app and the benchmarks use it from here meanwhile.
 */
public final class CompactedTopicReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);

  private final String topic;
  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final Consumer<ConsumerRecord<String, byte[]>> handler;
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
  private List<TopicPartition> partitions;
  private Thread thread;
  private volatile boolean closed;

  /**
   * How long closing the consumer may wait. It reads without a group and commits nothing, so all a
   * longer close waits for is the broker's answer to the request that ends its fetch session, which
   * the broker may hold for {@code fetch.max.wait.ms} (500 ms): every one-shot run spent that at its
   * end. Not waiting leaves the session to the broker's cache, which evicts idle ones.
   */
  private static final Duration CLOSE_TIMEOUT = Duration.ZERO;
  private volatile boolean stopped; // the following thread has ended: set before its waiters are released

  /**
   * @param consumer a consumer of this reader alone (e.g. from {@link #consumer}, or a
   *     {@code MockConsumer}); closed with the reader
   * @param handler gets every record read, tombstones (null values) included; in {@link #follow}
   *     mode on the reader's thread
   */
  public CompactedTopicReader(String topic, org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      Consumer<ConsumerRecord<String, byte[]>> handler) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /**
   * A consumer for a reader: the connection and security settings of {@code clientProperties}, no
   * group, no committed offsets, {@code read_committed} (records of aborted transactions are never
   * seen).
   *
   * @param clientId used unless {@code clientProperties} names one; null: Kafka's default
   */
  public static KafkaConsumer<String, byte[]> consumer(Map<String, Object> clientProperties, String clientId) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.keySet().retainAll(ConsumerConfig.configNames());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    if (clientId != null) {
      config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    }
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * The latest value per key of a compacted topic, read from its beginning to its current end:
   * tombstones remove a key; a value {@code values} cannot read is left out (written by a newer
   * feedpipe, or corrupt). A topic that does not exist is empty.
   */
  public static <V> Map<String, V> latest(Map<String, Object> clientProperties, String topic, Deserializer<V> values, Duration timeout) {
    Map<String, V> latest = new TreeMap<>();
    Consumer<ConsumerRecord<String, byte[]>> apply = record -> {
      if (record.key() == null) {
        return;
      }
      if (record.value() == null) {
        latest.remove(record.key());
        return;
      }
      try {
        latest.put(record.key(), values.deserialize(topic, record.value()));
      } catch (RuntimeException e) {
        log.debug("{} offset {}: value of {} unreadable, left out: {}", topic, record.offset(), record.key(), e.toString());
      }
    };
    try (CompactedTopicReader reader = new CompactedTopicReader(topic, consumer(clientProperties, null), apply)) {
      reader.readToEnd(null, timeout, () -> false);
    } catch (UnknownTopicOrPartitionException e) {
      return Map.of();
    }
    return latest;
  }

  /** The topic's partitions. @throws UnknownTopicOrPartitionException when it does not exist */
  public static List<TopicPartition> partitions(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, String topic, Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new UnknownTopicOrPartitionException("topic '" + topic + "' does not exist");
    }
    return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  /** Whether the consumer's position has reached {@code end} on every partition of it that the consumer holds. */
  public static boolean reached(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.assignment().contains(e.getKey()) && consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads, in the calling thread, from {@code from} (null, or a partition it lacks: the beginning)
   * to the end offsets taken now; records past those are not handed on.
   *
   * @param enough asked between polls: true stops the read early
   * @return true when the end was reached; false when {@code timeout} passed or {@code enough} said so
   * @throws UnknownTopicOrPartitionException when the topic does not exist
   */
  public boolean readToEnd(Map<TopicPartition, Long> from, Duration timeout, BooleanSupplier enough) {
    assign(from);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reached(consumer, end)) {
      if (enough.getAsBoolean() || System.nanoTime() > deadline) {
        return false;
      }
      for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
        if (record.offset() < end.getOrDefault(new TopicPartition(record.topic(), record.partition()), Long.MAX_VALUE)) {
          handler.accept(record);
        }
      }
    }
    return true;
  }

  /**
   * Starts a daemon thread that reads the topic from its beginning and keeps following it until
   * {@link #close()}.
   *
   * @param onFatal told (thread name, cause) when reading fails: the thread has ended
   * @return completes when the end offsets taken at start have been read; exceptionally when the
   *     reader stops first
   */
  public CompletableFuture<Void> follow(String threadName, BiConsumer<String, Throwable> onFatal) {
    CompletableFuture<Void> caughtUp = catchUp();
    synchronized (this) {
      if (thread == null && !closed) {
        thread = ProducerThreads.newThread(threadName, () -> followLoop(onFatal));
        thread.start();
      }
    }
    return caughtUp;
  }

  /** Whether the following thread runs. */
  public synchronized boolean isFollowing() {
    return thread != null && thread.isAlive();
  }

  /**
   * Asks the following thread to catch up with what was written before this call.
   *
   * @return completes once that has been read; exceptionally when the reader stops first
   */
  public CompletableFuture<Void> catchUp() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    catchUpRequests.add(done); // the thread polls every 200 ms and picks it up
    if (stopped) {
      done.completeExceptionally(stoppedError()); // it may have missed the request
    }
    return done;
  }

  private void assign(Map<TopicPartition, Long> from) {
    partitions = partitions(consumer, topic, METADATA_TIMEOUT);
    consumer.assign(partitions);
    for (TopicPartition tp : partitions) {
      Long offset = from == null ? null : from.get(tp);
      if (offset == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, offset);
      }
    }
  }

  private void followLoop(BiConsumer<String, Throwable> onFatal) {
    Map<TopicPartition, Long> target = null;
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    try {
      assign(null);
      while (!closed) {
        if (target == null && !catchUpRequests.isEmpty()) {
          for (CompletableFuture<Void> f; (f = catchUpRequests.poll()) != null; ) {
            waiting.add(f);
          }
          target = consumer.endOffsets(partitions);
          if (reached(consumer, target)) { // an empty topic, or read up to there already: no poll to wait out
            waiting.forEach(f -> f.complete(null));
            waiting.clear();
            target = null;
          }
        }
        try {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            handler.accept(record);
          }
        } catch (WakeupException e) {
          // close(): loop
        }
        if (target != null && reached(consumer, target)) {
          waiting.forEach(f -> f.complete(null));
          waiting.clear();
          target = null;
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (Throwable e) { // Errors too: a dead reader must not leave a process that silently reads nothing
      if (!closed) {
        String name = Thread.currentThread().getName();
        log.error("thread {}: reading {} failed: {}", name, topic, e.toString(), e);
        onFatal.accept(name, e);
      }
    } finally {
      stopped = true;
      waiting.forEach(f -> f.completeExceptionally(stoppedError()));
      catchUpRequests.forEach(f -> f.completeExceptionally(stoppedError()));
      consumer.close(CLOSE_TIMEOUT);
    }
  }

  private IllegalStateException stoppedError() {
    return new IllegalStateException("the reader of " + topic + " stopped");
  }

  /** Stops following (waiting up to 10 s for the thread) and closes the consumer. */
  @Override
  public void close() {
    closed = true;
    Thread following;
    synchronized (this) {
      following = thread;
    }
    if (following == null) {
      consumer.close(CLOSE_TIMEOUT);
      return;
    }
    consumer.wakeup();
    try {
      following.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

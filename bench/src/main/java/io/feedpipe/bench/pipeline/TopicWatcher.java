package io.feedpipe.bench.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning as a downstream consumer would ({@code read_committed}, no
 * group), on a thread of its own, handing each record to a handler with the wall-clock time it
 * arrived. Values stay bytes: the handler decodes only what it needs.
 */
final class TopicWatcher implements AutoCloseable {

  interface Handler {
    void accept(ConsumerRecord<String, byte[]> record, long receivedAtMillis);
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final Handler handler;
  private final Thread thread;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final AtomicLong records = new AtomicLong();
  private final AtomicReference<CompletableFuture<Void>> endRequest = new AtomicReference<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean closed;

  TopicWatcher(Map<String, Object> clientProperties, String topic, String threadName, Handler handler) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.keySet().retainAll(ConsumerConfig.configNames());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, threadName);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.handler = handler;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
    try {
      if (!assigned.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("cannot read topic " + topic + ": its partitions were not found within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("cannot read topic " + topic + ": " + failure.get(), failure.get());
    }
  }

  /** @throws IllegalStateException naming the topic when reading it failed */
  void requireHealthy() {
    Throwable e = failure.get();
    if (e != null) {
      throw new IllegalStateException("reading " + topic + " failed: " + e, e);
    }
  }

  /** Records handled so far. */
  long records() {
    return records.get();
  }

  /** Waits until every record committed to the topic by now has been handled. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    endRequest.set(done);
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading " + topic + " failed: " + e.getCause(), e.getCause());
    }
  }

  private void run() {
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      assigned.countDown();
      Map<TopicPartition, Long> target = null;
      while (!closed) {
        var batch = consumer.poll(Duration.ofMillis(100));
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, byte[]> record : batch) {
          handler.accept(record, now);
          records.incrementAndGet();
        }
        CompletableFuture<Void> request = endRequest.get();
        if (request != null) {
          if (target == null) {
            target = consumer.endOffsets(partitions); // read_committed: the last stable offsets
          }
          if (target.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            endRequest.compareAndSet(request, null);
            target = null;
            request.complete(null);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException | Error e) {
      failure.set(e);
      CompletableFuture<Void> request = endRequest.get();
      if (request != null) {
        request.completeExceptionally(e);
      }
    } finally {
      assigned.countDown();
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

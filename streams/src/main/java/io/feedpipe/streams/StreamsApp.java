package io.feedpipe.streams;

import io.feedpipe.schemas.topics.TopicCreator;
import io.feedpipe.streams.health.FeedHealthCounts;
import io.feedpipe.streams.metrics.StreamsMeters;
import io.feedpipe.streams.topology.BoundedRocksDbMemory;
import io.feedpipe.streams.topology.DedupeSweepListener;
import io.feedpipe.streams.topology.FeedpipeTopology;
import io.feedpipe.streams.topology.TopicLimits;
import io.feedpipe.streams.topology.StreamsProperties;
import io.feedpipe.streams.topology.StreamsSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the feedpipe topology: creates the topics it needs, starts Kafka Streams and waits until it
 * is running. Closing it stops processing cleanly (the current transaction commits or aborts).
 */
public final class StreamsApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);

  private final StreamsSettings settings;
  private final KafkaStreams streams;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicInteger threadsReplaced = new AtomicInteger();
  private KafkaStreamsMetrics streamsMetrics;

  private StreamsApp(StreamsSettings settings, KafkaStreams streams) {
    this.settings = settings;
    this.streams = streams;
  }

  /**
   * Creates missing topics and starts processing.
   *
   * @param overrides extra Kafka Streams / client settings (may not weaken exactly-once)
   */
  public static StreamsApp start(StreamsSettings settings, String bootstrapServers, Map<String, String> overrides) {
    return start(settings, bootstrapServers, overrides, new CompositeMeterRegistry()); // a composite with no registry in it records nothing
  }

  /**
   * Creates missing topics and starts processing, with feedpipe's Streams meters (docs/metrics.md,
   * "Streams"), Kafka Streams' own metrics ({@code kafka_stream_*}) and {@code
   * feedpipe_streams_running} on {@code registry}.
   *
   * @param overrides extra Kafka Streams / client settings (may not weaken exactly-once)
   */
  public static StreamsApp start(StreamsSettings settings, String bootstrapServers, Map<String, String> overrides, MeterRegistry registry) {
    StreamsMeters meters = new StreamsMeters(registry);
    // The settings first: a bad one fails before anything touches the cluster.
    Properties props = StreamsProperties.of(settings, bootstrapServers, overrides, meters);
    StaticMemberId.apply(props, settings.stateDir(), settings.applicationId());
    if (BoundedRocksDbMemory.class.getName().equals(String.valueOf(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)))) {
      long budget = settings.rocksDbMemory();
      meters.bindRocksDbMemory(() -> BoundedRocksDbMemory.usage(budget), budget);
    }
    // The overrides carry the cluster's security settings too (kafka.properties); the admin needs them.
    Map<String, Object> adminProps = new HashMap<>(overrides);
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(adminProps)) {
      new TopicCreator(admin).ensure(settings.allTopics());
      TopicLimits.check(admin, settings);
    }
    KafkaStreams streams = new KafkaStreams(FeedpipeTopology.build(settings, DedupeSweepListener.NONE, meters), props);
    StreamsApp app = new StreamsApp(settings, streams);
    streams.setUncaughtExceptionHandler(e -> {
      // Poison records never get here (they go to posts.dlq); this is for the unexpected, e.g. a
      // long broker outage. A fresh thread resumes from the last committed transaction.
      log.error("stream thread failed, replacing it: {}", e.toString(), e);
      app.threadsReplaced.incrementAndGet();
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> {
      log.info("streams {} -> {}", before, now);
      if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
        app.stopped.countDown();
      }
    });
    app.streamsMetrics = new KafkaStreamsMetrics(streams);
    app.streamsMetrics.bindTo(registry);
    Gauge.builder("feedpipe.streams.running", app, a -> a.state() == KafkaStreams.State.RUNNING ? 1 : 0)
        .description("1 while the Kafka Streams client is RUNNING, else 0.").register(registry);
    meters.bindFeedHealth(FeedHealthCounts.from(streams));
    streams.start();
    return app;
  }

  /** Waits until every thread is RUNNING (partitions assigned, state restored). */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      KafkaStreams.State state = streams.state();
      if (state == KafkaStreams.State.RUNNING) {
        return true;
      }
      if (!state.isRunningOrRebalancing() && state != KafkaStreams.State.CREATED) {
        return false;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** Blocks until the app stops (closed, or failed). */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Stream threads that failed and were replaced since start. Records at fault never cause this
   * (they are dead-lettered); a growing count means something else is wrong, e.g. the cluster.
   */
  public int threadsReplaced() {
    return threadsReplaced.get();
  }

  public StreamsSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    // Leave the group on close: Kafka Streams otherwise stays a member until its session times out,
    // and the other instances would wait that long for its partitions. (A static member that comes
    // back after a crash, which could not leave, takes its place back at once: StaticMemberId.)
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
    stopped.countDown();
  }
}

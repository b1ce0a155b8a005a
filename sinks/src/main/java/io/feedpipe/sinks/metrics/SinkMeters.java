package io.feedpipe.sinks.metrics;

import io.feedpipe.client.consume.ConsumeListener;
import io.feedpipe.client.consume.StandardFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * A reference sink's metrics (docs/metrics.md, "Sinks"), labelled {@code sink}: records written,
 * records rejected by reason, batch duration and the age of the last commit. The PostgreSQL sink
 * hands it to its {@link io.feedpipe.client.consume.DurableConsumer} as the loop's {@link
 * ConsumeListener}; the jsonl sink, which has its own loop, calls it directly.
 */
public final class SinkMeters implements ConsumeListener {

  /** The {@code reason} of a record that does not decode and was kept as a reject. */
  public static final String UNDECODABLE = "undecodable";

  /** Buckets of a batch's duration: milliseconds for a small batch, up to a minute for a slow database. */
  static final Duration[] BATCH_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

  private final MeterRegistry registry;
  private final String sink;
  private final Counter written;
  private final Timer batches;
  /** The registry clock's monotonic time of the last commit; the start before the first. */
  private volatile long lastCommitNanos;

  /** Registers the meters of the sink named {@code sink} ({@code postgres}, {@code jsonl}) in {@code registry}. */
  public SinkMeters(MeterRegistry registry, String sink) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.sink = Objects.requireNonNull(sink, "sink");
    written = Counter.builder("feedpipe.sink.records.written").description("records stored").tag("sink", sink).register(registry);
    batches = Timer.builder("feedpipe.sink.batch.duration").description("one batch: write and commit").tag("sink", sink)
        .serviceLevelObjectives(BATCH_BUCKETS).register(registry);
    // Present at 0 from the start, so that a rate() over rejects (an alert, a panel) has a series
    // before the first one; the other reasons appear when they first happen.
    rejectedCounter(UNDECODABLE);
    lastCommitNanos = registry.config().clock().monotonicTime();
    Gauge.builder("feedpipe.sink.last.commit.age", this, SinkMeters::secondsSinceLastCommit).baseUnit("seconds")
        .description("seconds since the last committed offset (since the start before the first)").tag("sink", sink)
        .strongReference(true).register(registry);
  }

  /** Meters that go nowhere: for callers that give no registry. */
  public static SinkMeters none(String sink) {
    // A composite registry with no registries in it hands out no-op meters.
    return new SinkMeters(new CompositeMeterRegistry(), sink);
  }

  /** {@code records} were stored durably. */
  public void written(long records) {
    written.increment(records);
  }

  /** A record went to the rejects, for {@code reason} (one of a small fixed set: a metric label). */
  public void rejected(String reason) {
    rejectedCounter(reason).increment();
  }

  private Counter rejectedCounter(String reason) {
    return Counter.builder("feedpipe.sink.records.rejected").description("records sent to the rejects table/file").tag("sink", sink)
        .tag("reason", reason).register(registry);
  }

  /** One batch took {@code nanos} to write and commit. */
  public void batch(long nanos) {
    batches.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void batchDone(int records, long nanos) {
    written(records);
    batch(nanos);
  }

  @Override
  public void rejected(Throwable failure) {
    rejected(StandardFailures.category(failure));
  }

  @Override
  public void poisonSkipped(RecordDeserializationException failure) {
    rejected(UNDECODABLE);
  }

  @Override
  public void committed() {
    lastCommitNanos = registry.config().clock().monotonicTime();
  }

  private double secondsSinceLastCommit() {
    return (registry.config().clock().monotonicTime() - lastCommitNanos) / 1e9;
  }
}

package io.feedpipe.streams.metrics;

import io.feedpipe.schemas.HealthState;
import io.feedpipe.streams.deadletter.DeadLetterListener;
import io.feedpipe.streams.deadletter.DeadLetterReason;
import io.feedpipe.streams.dedupe.ReprocessDecider;
import io.feedpipe.streams.dedupe.DedupeDecision;
import io.feedpipe.streams.health.FeedHealthCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Streams app's own metrics (docs/metrics.md, "Streams"), registered in the {@link
 * MeterRegistry} it is given: posts in, dedupe decisions, cleaning time, dead letters by reason,
 * route matches per rule, end-to-end latency and RocksDB memory. The processors and the
 * dead-letter handlers call it; it holds the meters so the hot path never looks one up.
 *
 * <p>Counts are of what this process did: a record processed again after an aborted transaction
 * (a replaced thread, a rebalance) is counted again, as Kafka Streams' own metrics count it.
 */
public final class StreamsMeters implements DeadLetterListener {

  /** Buckets of the cleaning time: a LessWrong post takes about a millisecond, a huge page seconds. */
  static final Duration[] CLEAN_BUCKETS = {
      Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
      Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500),
      Duration.ofSeconds(5)};

  /**
   * Buckets of the end-to-end latency. Explicit, because Micrometer's default histogram stops at
   * 30 s while {@code publishedAt} is often hours or days back (a feed polled hourly, a post found
   * by a first poll of an old feed): from a second (a fetch to posts.clean) to 30 days.
   */
  static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
      Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
      Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7),
      Duration.ofDays(30)};

  private final MeterRegistry registry;
  private final Counter postsIn;
  private final Counter newPosts;
  private final Counter edits;
  private final Counter repeats;
  private final Timer cleanDuration;
  private final Timer latencyFromPublished;
  private final Timer latencyFromFetched;
  private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);
  /** By verdict label; registered up front, so the label set is fixed and a rate reads 0 before the first reprocess. */
  private final Map<Class<?>, Counter> reprocessed = new HashMap<>();

  /** Registers the Streams meters in {@code registry} (the same meters again if they are there). */
  public StreamsMeters(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    postsIn = Counter.builder("feedpipe.streams.posts.in").description("records read from posts.raw").register(registry);
    newPosts = outcome("new");
    edits = outcome("edit");
    repeats = outcome("repeat");
    cleanDuration = Timer.builder("feedpipe.streams.clean.duration").description("cleaning one post")
        .serviceLevelObjectives(CLEAN_BUCKETS).register(registry);
    latencyFromPublished = latency("published");
    latencyFromFetched = latency("fetched");
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLetters.put(reason, Counter.builder("feedpipe.streams.dlq.records").description("records sent to posts.dlq")
          .tag("reason", reason.label()).register(registry));
    }
    for (Class<?> kind : ReprocessDecider.Verdict.class.getPermittedSubclasses()) {
      reprocessed.put(kind, Counter.builder("feedpipe.streams.reprocessed")
          .description("posts.reprocess records judged again, by verdict").tag("verdict", label(kind)).register(registry));
    }
  }

  /**
   * The {@code verdict} labels of {@code feedpipe_streams_reprocessed_total}: one per kind of {@link
   * ReprocessDecider.Verdict}, its record's name in snake case ({@code UnknownPost}: unknown_post).
   */
  static final List<String> REPROCESS_VERDICTS =
      Arrays.stream(ReprocessDecider.Verdict.class.getPermittedSubclasses()).map(StreamsMeters::label).toList();

  /** A posts.reprocess record judged again: counted under its verdict (docs/metrics.md). */
  public void reprocessed(ReprocessDecider.Verdict verdict) {
    reprocessed.get(verdict.getClass()).increment();
  }

  static String label(ReprocessDecider.Verdict verdict) {
    return label(verdict.getClass());
  }

  private static String label(Class<?> kind) {
    return kind.getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", "_").toLowerCase(Locale.ROOT);
  }

  /** Meters that go nowhere: for callers that give no registry. */
  public static StreamsMeters none() {
    // A composite registry with no registries in it hands out no-op meters.
    return new StreamsMeters(new CompositeMeterRegistry());
  }

  private Counter outcome(String outcome) {
    return Counter.builder("feedpipe.streams.posts").description("dedupe decisions").tag("outcome", outcome).register(registry);
  }

  private Timer latency(String from) {
    return Timer.builder("feedpipe.streams.end.to.end.latency")
        .description("entry publishedAt / fetchedAt to written to posts.clean, per new post or edit")
        .tag("from", from).serviceLevelObjectives(LATENCY_BUCKETS).maximumExpectedValue(LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1])
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A record of posts.raw reached the dedupe step. */
  public void postRead() {
    postsIn.increment();
  }

  /** The dedupe step decided, and its outputs were handed on. */
  public void decided(DedupeDecision decision) {
    (decision instanceof DedupeDecision.New ? newPosts : decision instanceof DedupeDecision.Edit ? edits : repeats).increment();
  }

  /** A post was cleaned (and hashed) in {@code nanos}. */
  public void cleaned(long nanos) {
    cleanDuration.record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * A new post or an edit was written to posts.clean now (the registry's clock): one observation
   * from each of its instants. A post without {@code publishedAt} is observed from {@code
   * fetchedAt} only; an instant in the future (a feed's clock ahead of ours) counts as no latency.
   */
  public void written(Instant publishedAt, Instant fetchedAt) {
    long now = registry.config().clock().wallTime();
    if (publishedAt != null) {
      latencyFromPublished.record(Math.max(0, now - publishedAt.toEpochMilli()), TimeUnit.MILLISECONDS);
    }
    if (fetchedAt != null) {
      latencyFromFetched.record(Math.max(0, now - fetchedAt.toEpochMilli()), TimeUnit.MILLISECONDS);
    }
  }

  /** The counter of posts written to the topic of route rule {@code rule}. */
  public Counter routeMatches(String rule) {
    return Counter.builder("feedpipe.streams.route.matches").description("posts written to a route topic").tag("route", rule)
        .register(registry);
  }

  @Override
  public void deadLettered(DeadLetterReason reason) {
    deadLetters.get(reason).increment();
  }

  /**
   * RocksDB's memory under the {@code streams.rocksdb-memory} budget: {@code used} bytes now (the
   * shared block cache, memtables charged to it; negative while no store has opened yet, shown as
   * 0) and the budget.
   */
  public void bindRocksDbMemory(LongSupplier used, long capacity) {
    Gauge.builder("feedpipe.streams.rocksdb.memory.used", used, u -> Math.max(0, u.getAsLong())).baseUnit(BaseUnits.BYTES)
        .description("RocksDB block cache and write buffers in use (streams.rocksdb-memory)").strongReference(true)
        .register(registry);
    Gauge.builder("feedpipe.streams.rocksdb.memory.capacity", () -> capacity).baseUnit(BaseUnits.BYTES)
        .description("the streams.rocksdb-memory budget").register(registry);
  }

  /**
   * {@code feedpipe_feeds_health{state}}: feeds per health state in this instance's part of the
   * feed-health store (summed over instances, the pipeline's). One read of {@code counts} serves
   * every state of a scrape: the counts are kept for a second. The gauges hold their object
   * strongly: Micrometer keeps a gauge's object weakly, and nothing else holds this one.
   */
  public void bindFeedHealth(Supplier<FeedHealthCounts> counts) {
    Supplier<FeedHealthCounts> recent = new Supplier<>() {
      private FeedHealthCounts last = FeedHealthCounts.none();
      private long readAt;
      private boolean read;

      @Override
      public synchronized FeedHealthCounts get() {
        long now = System.nanoTime();
        if (!read || now - readAt > TimeUnit.SECONDS.toNanos(1)) {
          last = counts.get();
          readAt = now;
          read = true;
        }
        return last;
      }
    };
    for (HealthState state : HealthState.values()) {
      if (state != HealthState.UNKNOWN) {
        Gauge.builder("feedpipe.feeds.health", recent, c -> c.get().of(state)).tag("state", state.name())
            .description("Feeds per health state (feeds.health), in this instance's part of the store.").strongReference(true)
            .register(registry);
      }
    }
  }
}

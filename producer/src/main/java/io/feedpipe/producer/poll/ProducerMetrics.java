package io.feedpipe.producer.poll;

import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The producer's meters (names and labels: docs/metrics.md). Every label comes from a fixed set —
 * the fetch outcome, the error class, the feed state — never from a feed or a post. Thread-safe;
 * one instance per producer.
 */
public final class ProducerMetrics {
  /** What a fetch ended as, in the label values operators see. */
  public enum Outcome {
    OK, NOT_MODIFIED, HTTP_ERROR, NETWORK_ERROR, PARSE_ERROR, TOO_LARGE, REFUSED, UNEXPECTED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Feeds of the schedule by state, for {@code feedpipe_producer_feeds}. */
  public record FeedCounts(int known, int due, int overdue) {}

  private final MeterRegistry registry;
  private final Map<Outcome, Counter> fetches = new EnumMap<>(Outcome.class);
  private final Map<FetchOutcome, Counter> errors = new EnumMap<>(FetchOutcome.class);
  private final Timer fetchDuration;
  private final DistributionSummary fetchSize;
  private final DistributionSummary fetchEntries;
  private final Counter entries;
  private final Counter conditionalHits;
  private final Counter conditionalMisses;
  private final AtomicInteger inFlight = new AtomicInteger();

  public ProducerMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    for (Outcome outcome : Outcome.values()) {
      fetches.put(outcome, Counter.builder("feedpipe.producer.fetches").tag("outcome", outcome.label())
          .description("Polls by how the fetch ended.").register(registry));
    }
    for (FetchOutcome outcome : FetchOutcome.values()) {
      if (outcome != FetchOutcome.FETCHED && outcome != FetchOutcome.NOT_MODIFIED) {
        errors.put(outcome, Counter.builder("feedpipe.producer.errors").tag("class", outcome.name().toLowerCase(Locale.ROOT))
            .description("Failed polls by error class (the outcome in feeds.status).").register(registry));
      }
    }
    fetchDuration = Timer.builder("feedpipe.producer.fetch.duration")
        .description("Time from sending the request to the last byte of the body (or the failure).")
        .serviceLevelObjectives(ms(50), ms(100), ms(250), ms(500), ms(1000), ms(2500), ms(5000), ms(10_000), ms(30_000))
        .register(registry);
    fetchSize = DistributionSummary.builder("feedpipe.producer.fetch.size").baseUnit("bytes")
        .description("Body bytes of a fetched feed (after decompression).")
        .serviceLevelObjectives(1024, 8192, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216)
        .register(registry);
    fetchEntries = DistributionSummary.builder("feedpipe.producer.fetch.entries")
        .description("Entries of a parsed feed.")
        .serviceLevelObjectives(1, 5, 10, 20, 50, 100, 250, 1000)
        .register(registry);
    entries = Counter.builder("feedpipe.producer.entries").description("Posts written to posts.raw and acknowledged by Kafka.")
        .register(registry);
    conditionalHits = Counter.builder("feedpipe.producer.conditional.requests").tag("result", "hit")
        .description("Conditional GETs (the feed's ETag or Last-Modified sent): hit = 304 Not Modified, miss = the feed again.")
        .register(registry);
    conditionalMisses = Counter.builder("feedpipe.producer.conditional.requests").tag("result", "miss")
        .description("Conditional GETs (the feed's ETag or Last-Modified sent): hit = 304 Not Modified, miss = the feed again.")
        .register(registry);
    Gauge.builder("feedpipe.producer.conditional.get.hit.ratio", this, ProducerMetrics::hitRatio)
        .description("Conditional GETs answered 304 / conditional GETs answered, since start (NaN before the first).")
        .register(registry);
    Gauge.builder("feedpipe.producer.fetches.in.flight", inFlight, AtomicInteger::get)
        .description("Polls running now (fetch, parse, map).").register(registry);
  }

  /** Meters nobody reads: for tests and benchmarks. */
  public static ProducerMetrics none() {
    return new ProducerMetrics(new CompositeMeterRegistry()); // a composite with no registry in it records nothing
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  /** The label value of a fetch outcome. */
  public static Outcome outcome(FetchOutcome outcome) {
    return switch (outcome) {
      case FETCHED -> Outcome.OK;
      case NOT_MODIFIED -> Outcome.NOT_MODIFIED;
      case REDIRECTED, RATE_LIMITED, CLIENT_ERROR, SERVER_ERROR -> Outcome.HTTP_ERROR;
      case TIMED_OUT, UNREACHABLE -> Outcome.NETWORK_ERROR;
      case UNPARSABLE -> Outcome.PARSE_ERROR;
      case TOO_LARGE -> Outcome.TOO_LARGE;
      case REFUSED_BY_POLICY -> Outcome.REFUSED;
      case UNKNOWN -> Outcome.UNEXPECTED;
    };
  }

  void pollStarted() {
    inFlight.incrementAndGet();
  }

  void fetchTook(Duration duration) {
    fetchDuration.record(duration);
  }

  void fetchedBytes(long bytes) {
    fetchSize.record(bytes);
  }

  /**
   * @param conditional whether the request carried the feed's validators
   * @param entries entries of the parsed feed; ignored unless it was fetched
   */
  void pollEnded(FeedStatus status, boolean conditional, int entries) {
    inFlight.decrementAndGet();
    FetchOutcome outcome = status.getOutcome();
    fetches.get(outcome(outcome)).increment();
    Counter error = errors.get(outcome);
    if (error != null) {
      error.increment();
    }
    if (outcome == FetchOutcome.FETCHED) {
      fetchEntries.record(entries);
    }
    if (conditional && outcome == FetchOutcome.NOT_MODIFIED) {
      conditionalHits.increment();
    } else if (conditional && outcome == FetchOutcome.FETCHED) {
      conditionalMisses.increment();
    }
  }

  /** Posts Kafka acknowledged in {@code posts.raw}. */
  public void acknowledged(int posts) {
    entries.increment(posts);
  }

  /** Reads the schedule's feed counts at scrape time. */
  public void feeds(Supplier<FeedCounts> counts) {
    gauge("known", counts, c -> c.known());
    gauge("due", counts, c -> c.due());
    gauge("overdue", counts, c -> c.overdue());
  }

  private void gauge(String state, Supplier<FeedCounts> counts, ToDoubleFunction<FeedCounts> value) {
    // Strong references: Micrometer holds a gauge's object weakly, and nothing else holds these suppliers.
    Gauge.builder("feedpipe.producer.feeds", counts, s -> value.applyAsDouble(s.get())).tag("state", state).strongReference(true)
        .description("Feeds in this instance's schedule: known; due (their poll time has come); overdue (due for more than a minute).")
        .register(registry);
  }

  /** Reads the body bytes the fetches in flight hold at scrape time. */
  public void bytesInFlight(Supplier<Long> bytes) {
    Gauge.builder("feedpipe.producer.in.flight.bytes", bytes, b -> b.get()).strongReference(true)
        .description("Response body bytes the fetches in flight hold (bounded by producer.max-bytes-in-flight).")
        .register(registry);
  }

  private double hitRatio() {
    double hits = conditionalHits.count();
    double all = hits + conditionalMisses.count();
    return all == 0 ? Double.NaN : hits / all;
  }
}

package io.feedpipe.bench.pipeline;

import io.feedpipe.streams.metrics.StreamsMeters;
import io.feedpipe.streams.topology.DedupeSweepListener;
import io.feedpipe.streams.topology.FeedpipeTopology;
import io.feedpipe.streams.topology.StreamsProperties;
import io.feedpipe.streams.topology.StreamsSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.CountingMode;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs the Streams stage again, as fresh apps over the records of posts.raw the stage processed,
 * alternately without a registry and with one, and sums each kind ({@link MetricsCost}).
 *
 * <p>The registry is Micrometer's {@link SimpleMeterRegistry} counting cumulatively, as a
 * Prometheus registry does: every counter, the timers and their histogram buckets are kept on the
 * stream threads exactly as they would be for a scrape (the bench module does not carry the
 * Prometheus registry; what a scrape itself costs happens on the scraper's request, off the
 * stream threads). A run is done when the app's group has committed every offset the stage had to
 * read; its output goes to the run's own topics, after the exactly-once checks have read them.
 */
final class MetricsCostRuns {
  static final String OFF = "streams stage, metrics off";
  static final String ON = "streams stage, metrics on";

  private final PrintWriter err;
  private final Map<String, Object> kafka;
  private final String servers;
  private final Map<String, String> overrides;
  /** The settings of a run's app, by application id: the Streams stage's, but for the id and its state. */
  private final Function<String, StreamsSettings> settingsOf;

  MetricsCostRuns(PrintWriter err, Map<String, Object> kafka, String servers, Map<String, String> overrides,
      Function<String, StreamsSettings> settingsOf) {
    this.err = err;
    this.kafka = kafka;
    this.servers = servers;
    this.overrides = overrides;
    this.settingsOf = settingsOf;
  }

  /**
   * {@code runsEach} runs of each kind over posts.raw up to {@code rawEnd} ({@code posts} records,
   * {@code bytes} of values), in the order off, on, on, off, …
   *
   * @param appIdPrefix each run's application id is this plus its kind and number
   * @param appIds each run's application id is added here, for the clean-up
   */
  MetricsCost measure(String appIdPrefix, Map<TopicPartition, Long> rawEnd, long posts, long bytes, int runsEach,
      java.util.List<String> appIds) throws Exception {
    StageResult off = null;
    StageResult on = null;
    for (int i = 0; i < 2 * runsEach; i++) {
      boolean withMetrics = i % 4 == 1 || i % 4 == 2; // off, on, on, off
      String appId = appIdPrefix + (withMetrics ? "-metrics-on-" : "-metrics-off-") + (i + 1);
      appIds.add(appId);
      StageResult run = run(appId, withMetrics, rawEnd, posts, bytes);
      if (withMetrics) {
        on = on == null ? run : sum(on, run);
      } else {
        off = off == null ? run : sum(off, run);
      }
    }
    return new MetricsCost(off, on, runsEach);
  }

  private StageResult run(String appId, boolean withMetrics, Map<TopicPartition, Long> rawEnd, long posts, long bytes)
      throws Exception {
    StreamsSettings settings = settingsOf.apply(appId);
    MeterRegistry registry = withMetrics ? new SimpleMeterRegistry(new CumulativeConfig(), io.micrometer.core.instrument.Clock.SYSTEM)
        : null;
    StreamsMeters meters = withMetrics ? new StreamsMeters(registry) : StreamsMeters.none();
    String label = withMetrics ? ON : OFF;
    try (PausedStreams app = PausedStreams.start(FeedpipeTopology.build(settings, DedupeSweepListener.NONE, meters),
            StreamsProperties.of(settings, servers, overrides, withMetrics ? meters : null));
        Admin admin = Admin.create(kafka)) {
      long total = CommittedOffsets.total(rawEnd);
      LongSupplier committed = CommittedOffsets.progress(admin, appId, rawEnd);
      StageMeter meter = StageMeter.start(thread -> thread.contains(appId));
      app.resume();
      boolean all = AwaitCount.until(err, label, total, committed, app::requireHealthy);
      StageResult result = meter.stop(label, posts, bytes);
      if (!all) {
        throw new IllegalStateException("Streams app " + appId + " committed " + committed.getAsLong() + " of " + total + " offsets");
      }
      if (withMetrics) {
        double in = registry.get("feedpipe.streams.posts.in").counter().count();
        if (in < posts) {
          throw new IllegalStateException("the metrics counted " + (long) in + " posts in of " + posts + ": the registry was not in use");
        }
      }
      return result;
    }
  }

  private static StageResult sum(StageResult a, StageResult b) {
    return new StageResult(a.name(), a.posts() + b.posts(), a.bytes() + b.bytes(), a.wallNanos() + b.wallNanos(),
        a.processCpuNanos() + b.processCpuNanos(), a.ownCpuNanos() + b.ownCpuNanos(), Math.max(a.peakHeapBytes(), b.peakHeapBytes()));
  }

  /** Cumulative counts, as a Prometheus registry keeps them (the simple registry's default is per step). */
  private static final class CumulativeConfig implements SimpleConfig {
    @Override
    public String get(String key) {
      return null;
    }

    @Override
    public CountingMode mode() {
      return CountingMode.CUMULATIVE;
    }

    @Override
    public Duration step() {
      return Duration.ofMinutes(1);
    }
  }
}

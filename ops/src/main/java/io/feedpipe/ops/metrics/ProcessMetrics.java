package io.feedpipe.ops.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Objects;

/**
 * The metrics of one feedpipe process: a Prometheus registry whose every meter carries {@code
 * process} (run, produce, streams, sink-postgres, sink-jsonl, lag), with the JVM's memory, GC,
 * threads, classes, CPU and uptime, and {@code feedpipe_live} / {@code feedpipe_ready} as the
 * health endpoints answer. Components register their own meters on {@link #registry()}; collectors
 * written against the Prometheus client itself (the lag metrics) go on {@link #prometheusRegistry()}
 * and are scraped with the rest.
 */
public final class ProcessMetrics implements AutoCloseable {
  private final PrometheusRegistry prometheus = new PrometheusRegistry();
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final String process;

  public ProcessMetrics(String process, Health health) {
    this.process = Objects.requireNonNull(process, "process");
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, prometheus, Clock.SYSTEM);
    registry.config().commonTags("process", process);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("feedpipe.live", health, h -> h.live().up() ? 1 : 0)
        .description("1 while /health/live answers 200 (the process can make progress), else 0.")
        .register(registry);
    Gauge.builder("feedpipe.ready", health, h -> h.ready().up() ? 1 : 0)
        .description("1 while /health/ready answers 200 (the process does its work now), else 0.")
        .register(registry);
  }

  /** Where components register their meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The same registry, for the endpoint that scrapes it. */
  public PrometheusMeterRegistry prometheusMeterRegistry() {
    return registry;
  }

  /** For collectors written against the Prometheus client (they do not get the {@code process} tag by themselves). */
  public PrometheusRegistry prometheusRegistry() {
    return prometheus;
  }

  public String process() {
    return process;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}

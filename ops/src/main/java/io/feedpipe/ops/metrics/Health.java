package io.feedpipe.ops.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The checks behind {@code /health/live} and {@code /health/ready}. Liveness: the process can make
 * progress (no critical thread died, Streams not in ERROR) — a supervisor restarts it otherwise.
 * Readiness: it does its work now (the broker answers, partitions are assigned, state is loaded) —
 * a load balancer or a rollout waits for it. A process that is not live is not ready either.
 * Components add their checks once at start; evaluation runs every check each time.
 */
public final class Health {
  private final Map<String, HealthCheck> liveness = new LinkedHashMap<>();
  private final Map<String, HealthCheck> readiness = new LinkedHashMap<>();

  /** The outcome of every check, by name; up when all are. */
  public record Report(boolean up, Map<String, HealthCheck.Result> checks) {
    public Report {
      checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }
  }

  /** Adds a check that liveness (and so readiness) needs. */
  public synchronized Health live(String name, HealthCheck check) {
    add(liveness, name, check);
    return this;
  }

  /** Adds a check that readiness alone needs. */
  public synchronized Health ready(String name, HealthCheck check) {
    add(readiness, name, check);
    return this;
  }

  private void add(Map<String, HealthCheck> checks, String name, HealthCheck check) {
    Objects.requireNonNull(check, "check");
    if (liveness.containsKey(name) || readiness.containsKey(name)) {
      throw new IllegalArgumentException("health check '" + name + "' is added twice");
    }
    checks.put(name, check);
  }

  public Report live() {
    Map<String, HealthCheck> checks;
    synchronized (this) {
      checks = new LinkedHashMap<>(liveness);
    }
    return evaluate(checks);
  }

  public Report ready() {
    Map<String, HealthCheck> checks;
    synchronized (this) {
      checks = new LinkedHashMap<>(liveness);
      checks.putAll(readiness);
    }
    return evaluate(checks);
  }

  private static Report evaluate(Map<String, HealthCheck> checks) {
    Map<String, HealthCheck.Result> results = new LinkedHashMap<>();
    boolean up = true;
    for (Map.Entry<String, HealthCheck> e : checks.entrySet()) {
      HealthCheck.Result result;
      try {
        result = e.getValue().check();
      } catch (RuntimeException ex) {
        // A check that throws is a failing check, not a failing endpoint.
        result = HealthCheck.Result.down("check failed: " + ex);
      }
      results.put(e.getKey(), result);
      up &= result.up();
    }
    return new Report(up, results);
  }
}

package io.feedpipe.ops.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A check whose answer is kept for a while: probes, scrapes (feedpipe_ready) and people may ask
 * often, and a check that asks the cluster should cost it one request per period.
 *
 * <p>Only one caller at a time runs the check; the others get the last answer at once instead of
 * waiting for it. A check that asks the cluster can take seconds while the broker is away, and
 * callers waiting behind it would hold up scrapes and the liveness probe on the endpoint's few
 * threads (a probe that times out restarts a process that is merely not ready).
 */
public final class CachedCheck implements HealthCheck {
  private final HealthCheck check;
  private final long keepNanos;
  private final LongSupplier nanoTime;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Result last;
  private volatile long lastAt;

  public CachedCheck(HealthCheck check, Duration keep) {
    this(check, keep, System::nanoTime);
  }

  CachedCheck(HealthCheck check, Duration keep, LongSupplier nanoTime) {
    this.check = Objects.requireNonNull(check, "check");
    this.keepNanos = keep.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  @Override
  public Result check() {
    Result known = last;
    if (known != null && nanoTime.getAsLong() - lastAt < keepNanos) {
      return known;
    }
    if (!running.compareAndSet(false, true)) {
      // Another caller is asking right now.
      return known != null ? known : Result.down("not checked yet (the first check is running)");
    }
    try {
      Result fresh = check.check();
      lastAt = nanoTime.getAsLong();
      last = fresh;
      return fresh;
    } finally {
      running.set(false);
    }
  }
}

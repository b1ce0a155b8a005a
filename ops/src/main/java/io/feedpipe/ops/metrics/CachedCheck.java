package io.feedpipe.ops.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A check whose answer is kept for a while: probes, scrapes (feedpipe_ready) and people may ask
 * often, and a check that asks the cluster should cost it one request per period.
 */
public final class CachedCheck implements HealthCheck {
  private final HealthCheck check;
  private final long keepNanos;
  private final LongSupplier nanoTime;
  private Result last;
  private long lastAt;

  public CachedCheck(HealthCheck check, Duration keep) {
    this(check, keep, System::nanoTime);
  }

  CachedCheck(HealthCheck check, Duration keep, LongSupplier nanoTime) {
    this.check = Objects.requireNonNull(check, "check");
    this.keepNanos = keep.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  @Override
  public synchronized Result check() {
    if (last == null || nanoTime.getAsLong() - lastAt >= keepNanos) {
      last = check.check();
      lastAt = nanoTime.getAsLong();
    }
    return last;
  }
}

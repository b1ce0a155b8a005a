package io.feedpipe.producer.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Politeness per host: at most {@code concurrency} fetches from one host at a time, and at least
 * {@code gap} between the starts of two requests to it. Pure bookkeeping (the time is passed in);
 * thread-safe.
 */
public final class HostGate {
  private final int concurrency;
  private final Duration gap;
  private final Map<String, Host> hosts = new HashMap<>();

  private static final class Host {
    int inFlight;
    Instant lastStart;
  }

  public HostGate(int concurrency, Duration gap) {
    this.concurrency = concurrency;
    this.gap = gap;
  }

  /**
   * Takes a slot for a request to {@code host} starting now, or says when to ask again.
   *
   * @return null when the slot was taken (then {@link #release} it when the fetch ends); else the
   *     earliest time a slot may be free (when the gap ends, or soon when the host is busy)
   */
  public synchronized Instant tryAcquire(String host, Instant now) {
    Host h = hosts.computeIfAbsent(key(host), k -> new Host());
    if (h.lastStart != null && !gap.isZero()) {
      Instant allowed = h.lastStart.plus(gap);
      if (now.isBefore(allowed)) {
        return allowed;
      }
    }
    if (h.inFlight >= concurrency) {
      // Woken by release(); this is only the fallback wake-up time.
      return now.plusMillis(Math.max(50, gap.toMillis()));
    }
    h.inFlight++;
    h.lastStart = now;
    return null;
  }

  public synchronized void release(String host) {
    String k = key(host);
    Host h = hosts.get(k);
    if (h == null) {
      return;
    }
    h.inFlight = Math.max(0, h.inFlight - 1);
    if (h.inFlight == 0 && (gap.isZero() || h.lastStart == null)) {
      hosts.remove(k); // nothing to remember: keeps the map as small as the set of busy hosts
    }
  }

  /** Hosts with a request in flight or a gap to remember. */
  public synchronized int trackedHosts() {
    return hosts.size();
  }

  private static String key(String host) {
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }
}

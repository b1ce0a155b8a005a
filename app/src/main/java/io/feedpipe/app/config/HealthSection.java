package io.feedpipe.app.config;

import io.feedpipe.streams.health.FeedHealthSettings;
import java.time.Duration;

/**
 * Reads the {@code health:} section into {@link FeedHealthSettings}: when the Streams app calls a
 * feed DEGRADED, DEAD, STALE or FLAPPING in feeds.health. Every error names the setting:
 * {@code feedpipe.yaml: health.dead-after must be a positive duration, got PT0S}.
 */
final class HealthSection {

  private HealthSection() {}

  static FeedHealthSettings read(ConfigNode root) {
    ConfigNode health = root.section("health");
    health.allowOnly("degraded-after-errors", "slow-fetch", "degraded-after-slow", "dead-after", "stale-factor", "stale-min-age",
        "flapping-changes", "flapping-window", "check-interval", "forget-after");
    int degradedAfterErrors = health.integer("degraded-after-errors", 1, 1000);
    Duration slowFetch = health.duration("slow-fetch");
    int degradedAfterSlow = health.integer("degraded-after-slow", 1, 1000);
    Duration deadAfter = health.duration("dead-after");
    int staleFactor = health.integer("stale-factor", 1, 1000);
    Duration staleMinAge = health.duration("stale-min-age");
    int flappingChanges = health.integer("flapping-changes", 2, 1000);
    Duration flappingWindow = health.duration("flapping-window");
    Duration checkInterval = health.duration("check-interval");
    Duration forgetAfter = health.duration("forget-after");
    try {
      return new FeedHealthSettings(degradedAfterErrors, slowFetch, degradedAfterSlow, deadAfter, staleFactor, staleMinAge,
          flappingChanges, flappingWindow, checkInterval, forgetAfter);
    } catch (IllegalArgumentException e) {
      // The record's message starts with the setting's full name: "health.dead-after must be …".
      String message = e.getMessage();
      int space = message.indexOf(' ');
      throw space > 0 ? root.error(message.substring(0, space), message.substring(space + 1)) : health.error(message);
    }
  }
}

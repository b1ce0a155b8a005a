package io.feedpipe.streams.topology;

import io.feedpipe.streams.clean.BoilerplateRule;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.route.Condition;
import io.feedpipe.streams.route.RouteRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A fingerprint of the settings a revision is rendered and routed under: the cleaner's boilerplate
 * rules and excerpt length, the record budget ({@code streams.max-post-size}) and every route rule
 * (name, topic, condition). The dedupe store keeps it with each post, so that {@code feedpipe
 * reprocess} skips, without cleaning them, the posts last judged under the current settings.
 *
 * <p>It covers configuration, not code: a feedpipe version whose cleaner renders differently does
 * not change it (see docs/replay-and-lag.md, "Reprocess").
 */
public final class ConfigFingerprint {
  private ConfigFingerprint() {}

  /** The fingerprint of the topology built from {@code settings}. */
  public static String of(StreamsSettings settings) {
    return of(settings.cleaner(), settings.routes(), settings.maxPostSize());
  }

  /** 16 hex digits (64 bits of SHA-256) over a canonical text of the settings; stable across runs and JVMs. */
  public static String of(CleanerConfig cleaner, List<RouteRule> routes, long maxPostSize) {
    return hash(canonical(cleaner, routes, maxPostSize));
  }

  static String canonical(CleanerConfig cleaner, List<RouteRule> routes, long maxPostSize) {
    StringBuilder text = new StringBuilder("cleaner\n");
    for (BoilerplateRule rule : cleaner.boilerplateRules()) {
      text.append("  boilerplate ").append(rule.name()).append(' ').append(rule.position()).append(" text=/").append(rule.textRegex())
          .append("/ href=").append(rule.hrefRegex() == null ? "any" : "/" + rule.hrefRegex() + "/").append('\n');
    }
    text.append("  excerpt-max-chars ").append(cleaner.excerptMaxChars()).append('\n');
    text.append("max-post-size ").append(maxPostSize).append('\n');
    text.append("routes\n");
    for (RouteRule rule : routes) {
      text.append("  ").append(rule.name()).append(" -> ").append(rule.topic()).append(" when ").append(canonical(rule.when())).append('\n');
    }
    return text.toString();
  }

  /** The condition as its config reads, with the regex flags that {@link Condition#describe} leaves out. */
  private static String canonical(Condition condition) {
    if (condition instanceof Condition.Title title) {
      return title.describe() + title.pattern().flags();
    }
    if (condition instanceof Condition.Text body) {
      return body.describe() + body.pattern().flags();
    }
    if (condition instanceof Condition.All all) {
      return "all of " + all.conditions().stream().map(ConfigFingerprint::canonical).toList();
    }
    if (condition instanceof Condition.Any any) {
      return "any of " + any.conditions().stream().map(ConfigFingerprint::canonical).toList();
    }
    if (condition instanceof Condition.Not not) {
      return "not (" + canonical(not.condition()) + ")";
    }
    return condition.describe(); // sets are described sorted, so the text is stable
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

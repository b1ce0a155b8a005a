package io.feedpipe.testkit;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Hands out {@code prefix-<run>-<n>} names. The counter keeps names apart within one cluster; the
 * random run id keeps them apart from an earlier JVM's names on a cluster that outlives it.
 */
final class UniqueNames {

  /** Kafka's legal topic characters; Streams application ids and group ids accept them too. */
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

  /** Kafka's topic-name limit is 249; leave room for Streams' "-<store>-changelog" suffixes. */
  private static final int MAX_PREFIX_LENGTH = 100;

  private final String runId =
      Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36)
          .toLowerCase(Locale.ROOT);
  private final AtomicLong counter = new AtomicLong();

  String next(String prefix) {
    if (prefix == null || !LEGAL.matcher(prefix).matches() || prefix.length() > MAX_PREFIX_LENGTH) {
      throw new IllegalArgumentException(
          "Name prefix '"
              + prefix
              + "' must be 1-"
              + MAX_PREFIX_LENGTH
              + " characters of letters, digits, '.', '_' or '-'");
    }
    return prefix + "-" + runId + "-" + counter.incrementAndGet();
  }
}

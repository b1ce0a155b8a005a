package io.feedpipe.producer.parse;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Set;

/**
 * What a feed says about how often to poll it.
 *
 * @param ttl RSS {@code ttl}: minutes the channel may be cached; null when absent
 * @param skipHours RSS {@code skipHours}: hours (0–23, GMT) in which not to poll; empty when none
 * @param skipDays RSS {@code skipDays}: days (GMT) on which not to poll; empty when none
 * @param updatePeriod {@code sy:updatePeriod} divided by {@code sy:updateFrequency}: how often the
 *     publisher says the feed changes; null when absent
 */
public record FeedHints(Duration ttl, Set<Integer> skipHours, Set<DayOfWeek> skipDays, Duration updatePeriod) {
  private static final FeedHints NONE = new FeedHints(null, Set.of(), Set.of(), null);

  public FeedHints {
    skipHours = Set.copyOf(skipHours);
    skipDays = Set.copyOf(skipDays);
  }

  public static FeedHints none() {
    return NONE;
  }
}

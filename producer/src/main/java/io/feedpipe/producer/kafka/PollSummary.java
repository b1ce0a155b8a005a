package io.feedpipe.producer.kafka;

import io.feedpipe.schemas.FetchOutcome;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one polling round did.
 *
 * @param feeds feeds polled (= status events sent)
 * @param postsSent entries sent to the raw topic and acknowledged
 * @param byOutcome number of feeds per outcome; outcomes that did not occur are absent
 */
public record PollSummary(int feeds, int postsSent, Map<FetchOutcome, Integer> byOutcome) {
  public PollSummary {
    byOutcome = byOutcome.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new EnumMap<>(byOutcome));
  }

  /** Feeds that ended with {@code outcome}. */
  public int count(FetchOutcome outcome) {
    return byOutcome.getOrDefault(outcome, 0);
  }
}

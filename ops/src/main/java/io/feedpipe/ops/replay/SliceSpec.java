package io.feedpipe.ops.replay;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A slice of a topic's history to copy into a new topic.
 *
 * @param from the first record copied is the first with a timestamp at or after this (per partition)
 * @param until copy up to the first record at or after this; empty: up to the end as of the start
 * @param feedId copy only records of this feed; empty: all
 */
public record SliceSpec(String sourceTopic, String targetTopic, Instant from, Optional<Instant> until, Optional<String> feedId) {
  public SliceSpec {
    Objects.requireNonNull(sourceTopic, "sourceTopic");
    Objects.requireNonNull(targetTopic, "targetTopic");
    Objects.requireNonNull(from, "from");
    until = until == null ? Optional.empty() : until;
    feedId = feedId == null ? Optional.empty() : feedId.filter(f -> !f.isBlank());
    if (sourceTopic.equals(targetTopic)) {
      throw new IllegalArgumentException("--into must name a new topic, not the source " + sourceTopic);
    }
    if (!targetTopic.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("'" + targetTopic + "' is not a legal Kafka topic name (letters, digits, '.', '_', '-')");
    }
    if (until.isPresent() && !until.get().isAfter(from)) {
      throw new IllegalArgumentException("--until " + until.get() + " must be after --from-datetime " + from);
    }
  }
}

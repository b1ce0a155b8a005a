package io.feedpipe.ops.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Where to move a group's offsets, one of the choices of {@code feedpipe replay}. */
public sealed interface ResetSpec {

  /** Human text for the plan's heading, e.g. {@code to-datetime 2026-11-01T00:00:00Z}. */
  String describe();

  /** The timestamp to look up in the broker's time index, for the kinds that move by time. */
  default Optional<Instant> lookupTime(Instant now) {
    return Optional.empty();
  }

  /** The oldest record still in each partition. */
  record ToEarliest() implements ResetSpec {
    @Override
    public String describe() {
      return "to-earliest";
    }
  }

  /** The end of each partition: skip everything not yet read. */
  record ToLatest() implements ResetSpec {
    @Override
    public String describe() {
      return "to-latest";
    }
  }

  /** The first record with a timestamp at or after {@code time}, per partition (the end if none). */
  record ToDatetime(Instant time) implements ResetSpec {
    @Override
    public String describe() {
      return "to-datetime " + time;
    }

    @Override
    public Optional<Instant> lookupTime(Instant now) {
      return Optional.of(time);
    }
  }

  /** Like {@link ToDatetime} with {@code now - duration}: "the last six hours again". */
  record ByDuration(Duration duration) implements ResetSpec {
    public ByDuration {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("duration must be positive, got " + duration);
      }
    }

    @Override
    public String describe() {
      return "by-duration " + duration;
    }

    @Override
    public Optional<Instant> lookupTime(Instant now) {
      return Optional.of(now.minus(duration));
    }
  }

  /** Named offsets of named partitions; the other partitions keep their offsets. */
  record ToOffsets(Map<Integer, Long> offsets) implements ResetSpec {
    public ToOffsets {
      if (offsets.isEmpty()) {
        throw new IllegalArgumentException("at least one PARTITION:OFFSET is needed");
      }
      offsets.forEach((p, o) -> {
        if (p < 0 || o < 0) {
          throw new IllegalArgumentException("partition and offset must not be negative, got " + p + ":" + o);
        }
      });
      offsets = Map.copyOf(offsets);
    }

    @Override
    public String describe() {
      StringBuilder text = new StringBuilder("to-offset");
      new TreeMap<>(offsets).forEach((p, o) -> text.append(' ').append(p).append(':').append(o));
      return text.toString();
    }
  }
}

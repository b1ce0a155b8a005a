package io.feedpipe.ops.lag;

/**
 * The state of one partition of a consumer group, after Burrow's evaluation rules; a group's status
 * is its worst partition's. Ordered from best to worst.
 */
public enum LagStatus {
  /** Caught up at some point in the window, or consuming without the lag growing. */
  OK,
  /** Committing and moving, but the lag grew at every observation of the window. */
  WARN,
  /** The committed offset moved backwards: a replay, or a consumer that lost its progress. */
  REWIND,
  /** A live member owns the partition, but its committed offset has not moved over the window while records wait. */
  STALL,
  /** Nobody is committing: the offset has not moved over the window, records wait, and no live member owns the partition. */
  STOP;

  public boolean worseThan(LagStatus other) {
    return ordinal() > other.ordinal();
  }
}

package io.feedpipe.streams.dedupe;

import io.feedpipe.schemas.PostState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The dedupe rules, free of Kafka: a post id and content hash seen before is a repeat; a known id
 * with a new content hash is the next revision; anything else is new. Also decides what the store
 * remembers, and when a remembered post has expired.
 */
public final class DedupeDecider {

  private final Duration retention;
  private final Duration touchGranularity;

  /**
   * @param retention how long a post id is remembered after it was last seen; a post that comes back
   *     later is treated as new (revision 1 again)
   * @param touchGranularity how stale the stored last-seen time may get before a repeat refreshes it;
   *     refreshing on every repeat would write the changelog on every poll for nothing
   */
  public DedupeDecider(Duration retention, Duration touchGranularity) {
    this.retention = Objects.requireNonNull(retention, "retention");
    this.touchGranularity = Objects.requireNonNull(touchGranularity, "touchGranularity");
  }

  public DedupeDecision decide(PostState previous, String contentHash) {
    if (previous == null) {
      return new DedupeDecision.New();
    }
    if (previous.getContentHash().equals(contentHash)) {
      return new DedupeDecision.Repeat();
    }
    return new DedupeDecision.Edit(previous.getRevision() + 1, previous.getContentHash());
  }

  /** The state to store after {@code decision}; null when the store need not be written. */
  public PostState nextState(PostState previous, DedupeDecision decision, RevisionContent content, String sourceHash, Instant seenAt) {
    if (decision instanceof DedupeDecision.New) {
      return state(1, content, sourceHash, seenAt, seenAt);
    }
    if (decision instanceof DedupeDecision.Edit edit) {
      return state(edit.revision(), content, sourceHash, previous.getFirstSeenAt(), seenAt);
    }
    boolean sourceChanged = !previous.getSourceHash().equals(sourceHash);
    if (!sourceChanged && !isStale(previous, seenAt)) {
      return null;
    }
    PostState.Builder next = PostState.newBuilder(previous).setSourceHash(sourceHash)
        .setLastSeenAt(later(previous.getLastSeenAt(), seenAt));
    if (previous.getTextHash() == null) {
      // A state from before v2: the same content, so fill in what the next edit's summary needs.
      next.setTitle(content.title()).setTextHash(content.textHash()).setWordSketch(content.sketchBuffer());
    }
    return next.build();
  }

  private static PostState state(int revision, RevisionContent content, String sourceHash, Instant firstSeen, Instant lastSeen) {
    return PostState.newBuilder().setRevision(revision).setContentHash(content.contentHash()).setSourceHash(sourceHash)
        .setFirstSeenAt(firstSeen).setLastSeenAt(lastSeen).setTitle(content.title()).setTextHash(content.textHash())
        .setWordSketch(content.sketchBuffer()).build();
  }

  /** For a repeat recognised by its source hash alone: the refreshed state, or null if none is needed. */
  public PostState touched(PostState previous, Instant seenAt) {
    return isStale(previous, seenAt)
        ? PostState.newBuilder(previous).setLastSeenAt(seenAt).build()
        : null;
  }

  public boolean isExpired(PostState state, Instant now) {
    return state.getLastSeenAt().plus(retention).isBefore(now);
  }

  public Duration retention() {
    return retention;
  }

  private boolean isStale(PostState previous, Instant seenAt) {
    return seenAt.isAfter(previous.getLastSeenAt().plus(touchGranularity));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}

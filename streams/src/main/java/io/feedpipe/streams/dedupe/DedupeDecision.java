package io.feedpipe.streams.dedupe;

/** What to do with a fetched post, given what was seen of it before. */
public sealed interface DedupeDecision {

  /** First time this post id is seen (or seen again after its state expired). */
  record New() implements DedupeDecision {}

  /** A known post whose content hash changed: emit it as {@code revision}. */
  record Edit(int revision, String previousContentHash) implements DedupeDecision {}

  /** Same content as the latest revision: emit nothing. */
  record Repeat() implements DedupeDecision {}

  default boolean emits() {
    return !(this instanceof Repeat);
  }
}

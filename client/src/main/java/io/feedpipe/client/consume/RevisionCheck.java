package io.feedpipe.client.consume;

import java.util.OptionalInt;

/**
 * Decides whether a post revision changes what a downstream store holds. Revisions of one post
 * arrive in order on one partition, but a consumer sees some again after a crash, a rebalance or a
 * replay, and a service reading two topics (say {@code posts.clean} and a route topic) sees the
 * same revision twice. Storing a revision only when it is newer than the stored one makes the
 * processing idempotent: the store ends the same however often a record is delivered.
 *
 * <p>In SQL the same rule is a conditional upsert: {@code INSERT … ON CONFLICT (post_id) DO UPDATE
 * SET … WHERE posts.revision < EXCLUDED.revision}.
 */
public final class RevisionCheck {
  private RevisionCheck() {}

  /** What to do with an incoming revision. */
  public enum Decision {
    /** The store has nothing for this post: store it. */
    NEW_POST(true),
    /** The store holds an older revision: replace it. */
    NEWER_REVISION(true),
    /** The store already holds this revision: a redelivery; do nothing. */
    SAME_REVISION(false),
    /** The store holds a newer revision: a late or replayed record; do nothing. */
    OLDER_REVISION(false);

    private final boolean apply;

    Decision(boolean apply) {
      this.apply = apply;
    }

    /** Whether the incoming revision should be written. */
    public boolean apply() {
      return apply;
    }
  }

  /**
   * @param stored the revision the store holds for the post id, empty when it holds none
   * @param incoming the revision of the record being processed
   */
  public static Decision decide(OptionalInt stored, int incoming) {
    if (stored.isEmpty()) {
      return Decision.NEW_POST;
    }
    int current = stored.getAsInt();
    if (incoming > current) {
      return Decision.NEWER_REVISION;
    }
    return incoming == current ? Decision.SAME_REVISION : Decision.OLDER_REVISION;
  }
}

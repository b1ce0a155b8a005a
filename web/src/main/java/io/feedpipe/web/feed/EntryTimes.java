package io.feedpipe.web.feed;

import io.feedpipe.schemas.CleanPost;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A post's id and times as a feed entry: stable across revisions, {@code updated} moves with each. */
public final class EntryTimes {
  private EntryTimes() {}

  /**
   * The entry id: the post id as a URN, the same for every revision, so a reader shows an edit as
   * the same entry updated rather than as a new one.
   */
  public static String id(CleanPost post) {
    return "urn:feedpipe:post:" + URLEncoder.encode(post.getPostId(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** When it was published: as the post says, else when feedpipe first saw it. */
  public static Instant published(CleanPost post) {
    Instant at = post.getPublishedAt() != null ? post.getPublishedAt() : post.getFirstSeenAt();
    return at.truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * When this revision appeared: for an edit, when feedpipe saw it (or the post's own updated time
   * if later); for the first revision, the post's updated time, else its published time.
   */
  public static Instant updated(CleanPost post) {
    Instant published = published(post);
    Instant own = post.getUpdatedAt() == null ? null : post.getUpdatedAt().truncatedTo(ChronoUnit.SECONDS);
    Instant at;
    if (post.getRevision() > 1) {
      Instant seen = post.getLastSeenAt().truncatedTo(ChronoUnit.SECONDS);
      at = own != null && own.isAfter(seen) ? own : seen;
    } else {
      at = own != null ? own : published;
    }
    return at.isBefore(published) ? published : at;
  }
}

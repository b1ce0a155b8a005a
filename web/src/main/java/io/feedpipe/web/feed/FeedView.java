package io.feedpipe.web.feed;

import io.feedpipe.schemas.CleanPost;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One feed out: a listing of posts.clean (all of it, one feed's or one route's), newest first.
 *
 * @param self the absolute URL of this feed document (also the Atom feed's id)
 * @param page the absolute URL of the page showing the same listing
 */
public record FeedView(String title, URI self, URI page, List<CleanPost> posts) {
  public FeedView {
    posts = List.copyOf(posts);
  }

  /** The newest {@link EntryTimes#updated} of the entries; the epoch for an empty feed. */
  public Instant updated() {
    return posts.stream().map(EntryTimes::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
  }
}

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

  /**
   * When feedpipe last saw a change of this listing: the newest {@code lastSeenAt} (when the
   * revision was seen) of its entries; the epoch for an empty feed. Feedpipe's own instant, not the
   * feeds' dates: an entry claiming 2099 would otherwise pin Last-Modified, and a client sending
   * only If-Modified-Since would get 304 for ever.
   */
  public Instant updated() {
    return posts.stream().map(CleanPost::getLastSeenAt).max(Instant::compareTo).orElse(Instant.EPOCH);
  }
}

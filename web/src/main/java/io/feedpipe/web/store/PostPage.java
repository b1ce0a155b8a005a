package io.feedpipe.web.store;

import io.feedpipe.schemas.CleanPost;
import java.util.List;

/**
 * One page of a listing, newest first.
 *
 * @param page 1-based
 * @param hasNext whether a later (older) page has posts
 */
public record PostPage(List<CleanPost> posts, int page, boolean hasNext) {
  public PostPage {
    posts = List.copyOf(posts);
  }

  public static PostPage empty(int page) {
    return new PostPage(List.of(), page, false);
  }
}

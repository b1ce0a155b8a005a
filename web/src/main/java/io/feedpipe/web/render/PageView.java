package io.feedpipe.web.render;

import io.feedpipe.web.store.FeedCount;
import io.feedpipe.web.store.PostPage;
import java.util.List;

/**
 * What one page shows.
 *
 * @param heading the page's heading (plain text)
 * @param path this listing's path, for the pagination links (e.g. {@code /feed/lesswrong})
 * @param query the search query, or null when the page is not a search
 * @param feedsOut the path of this listing's feeds without extension (e.g. {@code /feed/lesswrong/}),
 *     or null when it has none (search)
 */
public record PageView(String heading, String path, String query, PostPage page, String feedsOut,
    List<FeedCount> feeds, List<String> routes, int held) {
  public PageView {
    feeds = List.copyOf(feeds);
    routes = List.copyOf(routes);
  }
}

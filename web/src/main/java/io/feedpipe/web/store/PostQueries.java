package io.feedpipe.web.store;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The page's questions to the web store, each one range scan in key order (see {@link IndexKeys}):
 * newest posts, a feed's, a route's, and posts containing all the words of a query.
 *
 * <p>Search reads the postings of the query's longest term (longer words are rarer, so that list
 * is short) newest first and keeps the posts whose other terms have a key of the same order: one
 * point lookup per candidate and term, no scan of post texts.
 */
public final class PostQueries {
  private final Supplier<ReadOnlyKeyValueStore<String, byte[]>> posts;
  private final List<String> routeNames;
  private final Function<String, ReadOnlyKeyValueStore<String, byte[]>> routes;
  private final Deserializer<CleanPost> deserializer = AvroSerdes.deserializer(CleanPost.class);

  /**
   * @param posts the post store (looked up per question: a store handle may go stale while Streams restarts)
   * @param routeNames the routes, in display order
   * @param routes a route's store by route name
   */
  public PostQueries(Supplier<ReadOnlyKeyValueStore<String, byte[]>> posts, List<String> routeNames,
      Function<String, ReadOnlyKeyValueStore<String, byte[]>> routes) {
    this.posts = posts;
    this.routeNames = List.copyOf(routeNames);
    this.routes = routes;
  }

  public PostPage newest(int page, int size) {
    ReadOnlyKeyValueStore<String, byte[]> store = posts.get();
    return listing(store, store, IndexKeys.TIME, page, size);
  }

  public PostPage ofFeed(String feedId, int page, int size) {
    ReadOnlyKeyValueStore<String, byte[]> store = posts.get();
    return listing(store, store, IndexKeys.feedPrefix(feedId), page, size);
  }

  /** A route's posts; empty when no route has that name. */
  public Optional<PostPage> ofRoute(String route, int page, int size) {
    if (!routeNames.contains(route)) {
      return Optional.empty();
    }
    return Optional.of(listing(routes.apply(route), posts.get(), IndexKeys.TIME, page, size));
  }

  /** Posts holding every term of {@code query} (see {@link SearchTerms}); none for a query without terms. */
  public PostPage search(String query, int page, int size) {
    Set<String> terms = SearchTerms.of(query);
    if (terms.isEmpty()) {
      return PostPage.empty(page);
    }
    String driver = terms.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
    ReadOnlyKeyValueStore<String, byte[]> store = posts.get();
    String prefix = IndexKeys.wordPrefix(driver);
    List<CleanPost> found = new ArrayList<>();
    int skip = (Math.max(1, page) - 1) * size;
    boolean more = false;
    try (KeyValueIterator<String, byte[]> it = store.range(prefix, IndexKeys.end(prefix))) {
      while (it.hasNext()) {
        String key = it.next().key;
        String order = IndexKeys.orderOf(key);
        if (!allPresent(store, terms, driver, order)) {
          continue;
        }
        if (skip > 0) {
          skip--;
          continue;
        }
        if (found.size() == size) {
          more = true;
          break;
        }
        post(store, IndexKeys.postIdOf(key)).ifPresent(found::add);
      }
    }
    return new PostPage(found, Math.max(1, page), more);
  }

  /** The feeds held, by id. */
  public List<FeedCount> feeds() {
    List<FeedCount> feeds = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = posts.get().range(IndexKeys.FEED_COUNT, IndexKeys.end(IndexKeys.FEED_COUNT))) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        feeds.add(new FeedCount(kv.key.substring(IndexKeys.FEED_COUNT.length()), ByteBuffer.wrap(kv.value).getInt()));
      }
    }
    return feeds;
  }

  public List<String> routeNames() {
    return routeNames;
  }

  /** How many posts are held. */
  public int size() {
    byte[] value = posts.get().get(IndexKeys.COUNT);
    return value == null || value.length != 4 ? 0 : ByteBuffer.wrap(value).getInt();
  }

  public Optional<CleanPost> post(String postId) {
    return post(posts.get(), postId);
  }

  private Optional<CleanPost> post(ReadOnlyKeyValueStore<String, byte[]> store, String postId) {
    byte[] bytes = store.get(IndexKeys.post(postId));
    return bytes == null ? Optional.empty() : Optional.of(deserializer.deserialize(null, bytes));
  }

  private static boolean allPresent(ReadOnlyKeyValueStore<String, byte[]> store, Set<String> terms, String driver, String order) {
    for (String term : terms) {
      if (!term.equals(driver) && store.get(IndexKeys.wordPrefix(term) + order) == null) {
        return false;
      }
    }
    return true;
  }

  private PostPage listing(ReadOnlyKeyValueStore<String, byte[]> index, ReadOnlyKeyValueStore<String, byte[]> store,
      String prefix, int page, int size) {
    int current = Math.max(1, page);
    long skip = (long) (current - 1) * size;
    List<CleanPost> found = new ArrayList<>(size);
    boolean more = false;
    try (KeyValueIterator<String, byte[]> it = index.range(prefix, IndexKeys.end(prefix))) {
      while (it.hasNext()) {
        String key = it.next().key;
        if (skip > 0) {
          skip--;
          continue;
        }
        if (found.size() == size) {
          more = true;
          break;
        }
        post(store, IndexKeys.postIdOf(key)).ifPresent(found::add);
      }
    }
    return new PostPage(found, current, more);
  }
}

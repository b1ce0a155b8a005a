package io.feedpipe.web.store;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the web store (layout: {@link IndexKeys}) in step with posts.clean: a post's latest
 * revision replaces its previous one together with every index key of it, a tombstone removes it,
 * and when more than {@code maxPosts} are held the oldest go. Pure logic over a key-value store, so
 * the topology test and the broker run the same code.
 */
public final class PostIndex implements IndexProcessors.Index {
  /** Terms indexed per post at most: enough for the words of a long essay, bounded for a huge one. */
  static final int MAX_TERMS_PER_POST = 2_000;
  private static final byte[] EMPTY = new byte[0];

  private final KeyValueStore<String, byte[]> store;
  private final int maxPosts;
  private final Serializer<CleanPost> serializer = AvroSerdes.serializer(CleanPost.class);
  private final Deserializer<CleanPost> deserializer = AvroSerdes.deserializer(CleanPost.class);

  public PostIndex(KeyValueStore<String, byte[]> store, int maxPosts) {
    this.store = store;
    this.maxPosts = maxPosts;
  }

  /**
   * The time a post is listed and evicted by: when it says it was published, but never later than
   * when feedpipe first saw it. A feed's date is only its claim: an entry dated 2099 would otherwise
   * stay first for ever, and a feed of max-posts such entries would evict every other post. (The
   * page still shows the date the post gives.)
   */
  public static long listedAt(CleanPost post) {
    long seen = post.getFirstSeenAt().toEpochMilli();
    return post.getPublishedAt() == null ? seen : Math.min(post.getPublishedAt().toEpochMilli(), seen);
  }

  /** Holds {@code post} as the latest revision of its id (an older revision than the one held is ignored). */
  @Override
  public void put(CleanPost post) {
    String key = IndexKeys.post(post.getPostId());
    CleanPost held = decode(store.get(key));
    if (held != null) {
      if (held.getRevision() > post.getRevision()) {
        return; // a replay of an older revision must not undo an edit
      }
      unindex(held);
    } else {
      setCount(IndexKeys.COUNT, count(IndexKeys.COUNT) + 1);
    }
    CleanPost guarded = CleanPost.newBuilder(post).setHtml(HtmlGuard.guard(post.getHtml())).build();
    store.put(key, serializer.serialize(null, guarded));
    index(guarded);
    while (count(IndexKeys.COUNT) > maxPosts) {
      evictOldest();
    }
  }

  /** Drops the post with this id (a tombstone on posts.clean). */
  @Override
  public void remove(String postId) {
    CleanPost held = decode(store.get(IndexKeys.post(postId)));
    if (held != null) {
      unindex(held);
      store.delete(IndexKeys.post(postId));
      setCount(IndexKeys.COUNT, count(IndexKeys.COUNT) - 1);
    }
  }

  private void evictOldest() {
    String oldest = null;
    try (KeyValueIterator<String, byte[]> it = store.reverseRange(IndexKeys.TIME, IndexKeys.end(IndexKeys.TIME))) {
      if (it.hasNext()) {
        oldest = IndexKeys.postIdOf(it.next().key);
      }
    }
    if (oldest == null) {
      setCount(IndexKeys.COUNT, 0); // nothing listed: the count was wrong, not the index
      return;
    }
    remove(oldest);
  }

  private void index(CleanPost post) {
    String order = IndexKeys.order(listedAt(post), post.getPostId());
    store.put(IndexKeys.time(order), EMPTY);
    store.put(IndexKeys.feedPrefix(post.getFeedId()) + order, EMPTY);
    for (String term : terms(post)) {
      store.put(IndexKeys.wordPrefix(term) + order, EMPTY);
    }
    String feedCount = IndexKeys.feedCount(post.getFeedId());
    setCount(feedCount, count(feedCount) + 1);
  }

  private void unindex(CleanPost post) {
    String order = IndexKeys.order(listedAt(post), post.getPostId());
    store.delete(IndexKeys.time(order));
    store.delete(IndexKeys.feedPrefix(post.getFeedId()) + order);
    for (String term : terms(post)) {
      store.delete(IndexKeys.wordPrefix(term) + order);
    }
    String feedCount = IndexKeys.feedCount(post.getFeedId());
    int left = count(feedCount) - 1;
    if (left > 0) {
      setCount(feedCount, left);
    } else {
      store.delete(feedCount);
    }
  }

  /** Title first, so a long text never crowds the title's words out of the index. */
  static Set<String> terms(CleanPost post) {
    Set<String> terms = new LinkedHashSet<>();
    SearchTerms.addTo(terms, post.getTitle(), MAX_TERMS_PER_POST);
    for (String author : post.getAuthors()) {
      SearchTerms.addTo(terms, author, MAX_TERMS_PER_POST);
    }
    for (String category : post.getCategories()) {
      SearchTerms.addTo(terms, category, MAX_TERMS_PER_POST);
    }
    SearchTerms.addTo(terms, post.getText(), MAX_TERMS_PER_POST);
    return terms;
  }

  private int count(String key) {
    byte[] value = store.get(key);
    return value == null || value.length != 4 ? 0 : ByteBuffer.wrap(value).getInt();
  }

  private void setCount(String key, int value) {
    store.put(key, ByteBuffer.allocate(4).putInt(Math.max(0, value)).array());
  }

  private CleanPost decode(byte[] bytes) {
    return bytes == null ? null : deserializer.deserialize(null, bytes);
  }
}

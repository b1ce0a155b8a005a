package io.feedpipe.web.store;

import io.feedpipe.schemas.CleanPost;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One route's membership, from its topic {@code posts.route.<rule>}: which posts matched the rule,
 * newest first. The posts themselves are read from the post store (the route topic carries the same
 * CleanPost records as posts.clean). Layout: {@code t␁<age>␁<postId>} → empty, {@code
 * p␁<postId>} → its order part (to find the entry again on the next revision), {@code c} → count.
 */
public final class RouteIndex implements IndexProcessors.Index {
  private static final byte[] EMPTY = new byte[0];

  private final KeyValueStore<String, byte[]> store;
  private final int maxPosts;

  public RouteIndex(KeyValueStore<String, byte[]> store, int maxPosts) {
    this.store = store;
    this.maxPosts = maxPosts;
  }

  @Override
  public void put(CleanPost post) {
    String key = IndexKeys.post(post.getPostId());
    byte[] held = store.get(key);
    if (held != null) {
      store.delete(IndexKeys.time(new String(held, StandardCharsets.UTF_8)));
    } else {
      setCount(count() + 1);
    }
    String order = IndexKeys.order(PostIndex.listedAt(post), post.getPostId());
    store.put(key, order.getBytes(StandardCharsets.UTF_8));
    store.put(IndexKeys.time(order), EMPTY);
    while (count() > maxPosts) {
      String oldest = null;
      try (KeyValueIterator<String, byte[]> it = store.reverseRange(IndexKeys.TIME, IndexKeys.end(IndexKeys.TIME))) {
        if (it.hasNext()) {
          oldest = IndexKeys.postIdOf(it.next().key);
        }
      }
      if (oldest == null) {
        setCount(0);
        return;
      }
      remove(oldest);
    }
  }

  @Override
  public void remove(String postId) {
    String key = IndexKeys.post(postId);
    byte[] held = store.get(key);
    if (held != null) {
      store.delete(IndexKeys.time(new String(held, StandardCharsets.UTF_8)));
      store.delete(key);
      setCount(count() - 1);
    }
  }

  private int count() {
    byte[] value = store.get(IndexKeys.COUNT);
    return value == null || value.length != 4 ? 0 : ByteBuffer.wrap(value).getInt();
  }

  private void setCount(int value) {
    store.put(IndexKeys.COUNT, ByteBuffer.allocate(4).putInt(Math.max(0, value)).array());
  }
}

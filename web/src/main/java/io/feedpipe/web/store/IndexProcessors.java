package io.feedpipe.web.store;

import io.feedpipe.schemas.CleanPost;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** The global-store processors: thin wiring from a record to {@link PostIndex} or {@link RouteIndex}. */
final class IndexProcessors {
  private IndexProcessors() {}

  /** posts.clean → the post store. A tombstone (null value) removes the post of its key. */
  static final class Posts implements Processor<String, CleanPost, Void, Void> {
    private final String storeName;
    private final int maxPosts;
    private PostIndex index;

    Posts(String storeName, int maxPosts) {
      this.storeName = storeName;
      this.maxPosts = maxPosts;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      KeyValueStore<String, byte[]> store = context.getStateStore(storeName);
      index = new PostIndex(store, maxPosts);
    }

    @Override
    public void process(Record<String, CleanPost> record) {
      if (record.value() != null) {
        index.put(record.value());
      } else if (record.key() != null) {
        index.remove(record.key());
      }
    }
  }

  /** posts.route.&lt;rule&gt; → that route's store. */
  static final class Route implements Processor<String, CleanPost, Void, Void> {
    private final String storeName;
    private final int maxPosts;
    private RouteIndex index;

    Route(String storeName, int maxPosts) {
      this.storeName = storeName;
      this.maxPosts = maxPosts;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      KeyValueStore<String, byte[]> store = context.getStateStore(storeName);
      index = new RouteIndex(store, maxPosts);
    }

    @Override
    public void process(Record<String, CleanPost> record) {
      if (record.value() != null) {
        index.put(record.value());
      } else if (record.key() != null) {
        index.remove(record.key());
      }
    }
  }
}

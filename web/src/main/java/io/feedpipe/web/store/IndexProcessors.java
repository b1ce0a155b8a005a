package io.feedpipe.web.store;

import io.feedpipe.schemas.CleanPost;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** The global-store processors: thin wiring from a record to {@link PostIndex} or {@link RouteIndex}. */
final class IndexProcessors {
  private IndexProcessors() {}

  /** What a global store's processor writes to: a post in, a post out. */
  interface Index {
    void put(CleanPost post);

    void remove(String postId);
  }

  /** posts.clean → the post store. A tombstone (null value) removes the post of its key. */
  static Processor<String, CleanPost, Void, Void> posts(String storeName, int maxPosts) {
    return new IndexProcessor(storeName, store -> new PostIndex(store, maxPosts));
  }

  /** posts.route.&lt;rule&gt; → that route's store. A tombstone removes the post of its key. */
  static Processor<String, CleanPost, Void, Void> route(String storeName, int maxPosts) {
    return new IndexProcessor(storeName, store -> new RouteIndex(store, maxPosts));
  }

  private static final class IndexProcessor implements Processor<String, CleanPost, Void, Void> {
    private final String storeName;
    private final Function<KeyValueStore<String, byte[]>, Index> indexOf;
    private Index index;

    IndexProcessor(String storeName, Function<KeyValueStore<String, byte[]>, Index> indexOf) {
      this.storeName = storeName;
      this.indexOf = indexOf;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      KeyValueStore<String, byte[]> store = context.getStateStore(storeName);
      index = indexOf.apply(store);
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

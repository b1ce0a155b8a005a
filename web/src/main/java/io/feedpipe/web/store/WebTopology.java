package io.feedpipe.web.store;

import io.feedpipe.client.serde.CleanPostSerde;
import io.feedpipe.web.WebSettings;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The web store's topology: global stores only. A global store holds every partition of its topic
 * in one instance, in one key order, so a single range scan lists posts newest first across all
 * partitions (a partitioned store would need a merge of one scan per partition), and every web
 * server holds the whole listing without a consumer group to share. Global stores keep no
 * changelog: the topic itself is replayed through the processors on a fresh start.
 */
public final class WebTopology {
  public static final String POSTS_STORE = "web-posts";
  static final String ROUTE_STORE_PREFIX = "web-route-";

  private WebTopology() {}

  public static String routeStore(String routeName) {
    return ROUTE_STORE_PREFIX + routeName;
  }

  public static Topology build(WebSettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addGlobalStore(store(POSTS_STORE), settings.topics().clean(),
        Consumed.with(Serdes.String(), new CleanPostSerde()).withName("web-source-posts"),
        () -> IndexProcessors.posts(POSTS_STORE, settings.maxPosts()));
    for (Map.Entry<String, String> route : settings.routeTopics().entrySet()) {
      String storeName = routeStore(route.getKey());
      builder.addGlobalStore(store(storeName), route.getValue(),
          Consumed.with(Serdes.String(), new CleanPostSerde()).withName("web-source-route-" + route.getKey()),
          () -> IndexProcessors.route(storeName, settings.maxPosts()));
    }
    return builder.build();
  }

  private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
    // RocksDB rather than memory: the held posts and their term index live off the heap.
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled();
  }
}

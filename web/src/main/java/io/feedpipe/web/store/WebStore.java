package io.feedpipe.web.store;

import io.feedpipe.web.WebSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web store's Kafka Streams app ({@link WebTopology}) and the {@link PostQueries} over its
 * stores. It only reads: no topic is written, no consumer group joined (global stores are assigned
 * every partition), so any number of web servers can run beside the pipeline.
 */
public final class WebStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebStore.class);

  private final KafkaStreams streams;
  private final PostQueries queries;
  private final CountDownLatch running = new CountDownLatch(1);

  private WebStore(WebSettings settings, Properties props) {
    streams = new KafkaStreams(WebTopology.build(settings), props);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
    });
    List<String> routes = new ArrayList<>(settings.routeTopics().keySet());
    queries = new PostQueries(() -> store(WebTopology.POSTS_STORE), routes, route -> store(WebTopology.routeStore(route)));
  }

  /**
   * Starts the app; it restores (reads posts.clean and the route topics to their end) before it is
   * {@link #awaitRunning running}.
   *
   * @param overrides Kafka client settings (security and the like) applied over feedpipe's own
   */
  public static WebStore start(WebSettings settings, String bootstrapServers, Map<String, String> overrides) {
    Properties props = new Properties();
    props.putAll(overrides);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
    // A record the page cannot decode is skipped (and logged): one poison record must not take the page down.
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
    WebStore store = new WebStore(settings, props);
    log.info("web store {} reading {} and {} route topic(s), holding at most {} posts", settings.applicationId(),
        settings.topics().clean(), settings.routeTopics().size(), settings.maxPosts());
    store.streams.start();
    return store;
  }

  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public PostQueries queries() {
    return queries;
  }

  private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
    return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}

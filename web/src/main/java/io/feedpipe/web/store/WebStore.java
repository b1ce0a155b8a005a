package io.feedpipe.web.store;

import io.feedpipe.web.WebSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
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
    Properties props = streamsProperties(settings, bootstrapServers, overrides);
    settings = withExistingTopics(settings, bootstrapServers, overrides);
    WebStore store = new WebStore(settings, props);
    log.info("web store {} reading {} and {} route topic(s), holding at most {} posts", settings.applicationId(),
        settings.topics().clean(), settings.routeTopics().size(), settings.maxPosts());
    store.streams.start();
    return store;
  }

  /** The Streams app's settings: the user's client overrides, then feedpipe's own, which win. */
  static Properties streamsProperties(WebSettings settings, String bootstrapServers, Map<String, String> overrides) {
    Properties props = new Properties();
    props.putAll(overrides);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
    // A record the page cannot decode is skipped (and logged): one poison record must not take the page down.
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
    // Likewise a record the index cannot take (the global thread honours the handler only when told to).
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // The global consumer reads read_uncommitted by default, whatever processing.guarantee says: it
    // would show the records of aborted Streams transactions (an output refused, the input
    // dead-lettered on retry) on the page and in the feeds. Only committed posts are shown.
    props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    return props;
  }

  /**
   * The settings without the routes whose topics do not exist yet (the Streams app creates a
   * route's topic when it first runs with the rule); a clear error when posts.clean itself is
   * missing, where Kafka Streams would fail later with a less helpful one.
   */
  static WebSettings withExistingTopics(WebSettings settings, String bootstrapServers, Map<String, String> overrides) {
    Map<String, Object> adminProps = new HashMap<>(overrides);
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    Set<String> existing;
    try (Admin admin = Admin.create(adminProps)) {
      existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the topics at " + bootstrapServers, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list the topics at " + bootstrapServers + ": " + e.getMessage(), e);
    }
    if (!existing.contains(settings.topics().clean())) {
      throw new IllegalArgumentException("topic " + settings.topics().clean() + " does not exist at " + bootstrapServers
          + "; start the pipeline first (./feedpipe run or ./feedpipe streams), which creates it");
    }
    Map<String, String> routes = new LinkedHashMap<>();
    settings.routeTopics().forEach((route, topic) -> {
      if (existing.contains(topic)) {
        routes.put(route, topic);
      } else {
        log.info("route {} left out: its topic {} does not exist yet (restart web after the Streams app has run with the rule)",
            route, topic);
      }
    });
    return routes.size() == settings.routeTopics().size() ? settings : settings.withRouteTopics(routes);
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

package io.feedpipe.streams.topology;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.enrich.FeedLanguages;
import io.feedpipe.streams.enrich.LanguageDetector;
import io.feedpipe.streams.health.FeedHealthTopology;
import io.feedpipe.streams.metrics.StreamsMeters;
import io.feedpipe.streams.route.RouteRule;
import io.feedpipe.streams.wire.Utf8FormsSerdes;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The feedpipe topology, built by one method from the settings (the tests call the same method):
 *
 * <pre>
 * posts.raw ───────┬─► dedupe+clean (store post-state) ─┬─► posts.clean      every revision
 * posts.reprocess ─┘                                     │
 *                                                        └─► route ─┬─► posts.updates   revision &gt; 1
 *                                                                   ├─► posts.route.&lt;rule&gt; per matching rule
 *                                                                   └─► posts.dlq       a rule that failed on a post
 * </pre>
 *
 * Every name above carries the prefix of {@link StreamsSettings#topics()} ({@code topics.prefix});
 * a rule's explicit topic is used as written. posts.reprocess ({@code feedpipe reprocess}) holds
 * posts to judge again with the current cleaner and rules; it is read by the same processor and
 * store as posts.raw, so a reprocessed revision is ordered with live ones and written once.
 *
 * <p>Records that cannot be deserialized or processed, and output records the broker refuses, go to
 * posts.dlq through Kafka Streams' dead-letter support (KIP-1034) with feedpipe's bounded handlers,
 * configured in {@link StreamsProperties}.
 */
public final class FeedpipeTopology {

  /** How stale a post's last-seen time may get before a repeat refreshes it in the store. */
  static final Duration TOUCH_GRANULARITY = Duration.ofHours(12);

  /** The dedupe store's name (its changelog topic is {@code <application id>-post-state-changelog}). */
  public static final String DEDUPE_STORE = DedupeCleanProcessor.STORE;

  private FeedpipeTopology() {}

  public static Topology build(StreamsSettings settings) {
    return build(settings, DedupeSweepListener.NONE);
  }

  /** The topology, telling {@code sweeps} about every sweep of the dedupe store. */
  public static Topology build(StreamsSettings settings, DedupeSweepListener sweeps) {
    return build(settings, sweeps, StreamsMeters.none());
  }

  /**
   * The topology, telling {@code sweeps} about every sweep of the dedupe store and counting in
   * {@code meters}. The dead letters that Kafka Streams' handlers write are counted only when the
   * same meters are in the Streams configuration too ({@link StreamsProperties#of(StreamsSettings,
   * String, java.util.Map, StreamsMeters)}).
   */
  public static Topology build(StreamsSettings settings, DedupeSweepListener sweeps, StreamsMeters meters) {
    Serde<String> keys = Serdes.String();
    // Posts are read and written keeping the UTF-8 form of their long strings on the stream thread,
    // which encoded each two or three times a post (hashes, then the record): see Utf8Forms.
    Serde<FetchedPost> fetchedSerde = Utf8FormsSerdes.serde(FetchedPost.class);
    // posts.clean, updates and the routes are written the same CleanPost: it is encoded once.
    Serializer<CleanPost> cleanSerializer = new EncodedOnceSerializer<>(Utf8FormsSerdes.serializer(CleanPost.class));

    PostRevisions revisions = PostRevisions.of(settings);
    // One per topology: the stream threads share what they learn of each feed's language.
    FeedLanguages languages = new FeedLanguages(LanguageDetector.shared());
    long maxPostSize = settings.maxPostSize();

    FeedpipeTopics topics = settings.topics();
    Topology topology = new Topology();
    Reprocessing reprocessing = Reprocessing.of(settings, revisions);
    topology.addSource("read-raw", keys.deserializer(), fetchedSerde.deserializer(), topics.raw());
    topology.addSource("read-reprocess", keys.deserializer(), fetchedSerde.deserializer(), topics.reprocess());
    topology.addProcessor("dedupe-and-clean", () -> new DedupeCleanProcessor(revisions, languages,
        new PostSizeLimiter(maxPostSize)::fit, sweeps, meters, reprocessing, topics.reprocess()), "read-raw", "read-reprocess");
    topology.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(DedupeCleanProcessor.STORE), keys, AvroSerdes.serde(PostState.class)), "dedupe-and-clean");
    topology.addSink("write-clean", topics.clean(), keys.serializer(), cleanSerializer, "dedupe-and-clean");

    // Routing is one processor evaluating every rule per post, each in its own try: a rule that
    // fails on a post costs that rule's route for that post, nothing else (RouteProcessor).
    List<RouteRule> routes = settings.routes();
    topology.addProcessor("route", () -> new RouteProcessor(routes, topics.dlq(), meters), "dedupe-and-clean");
    topology.addSink(RouteProcessor.UPDATES_SINK, topics.updates(), keys.serializer(), cleanSerializer, "route");
    for (RouteRule rule : routes) {
      topology.addSink(RouteProcessor.sinkOf(rule), settings.topicOf(rule), keys.serializer(), cleanSerializer, "route");
    }
    topology.addSink(RouteProcessor.RULE_FAILURES_SINK, topics.dlq(), new ByteArraySerializer(), new ByteArraySerializer(),
        "route");
    FeedHealthTopology.addTo(topology, topics, settings.health());
    return topology;
  }
}

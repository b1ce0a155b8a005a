package io.feedpipe.streams.topology;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.clean.HtmlCleaner;
import io.feedpipe.streams.dedupe.DedupeDecider;
import io.feedpipe.streams.enrich.LanguageDetector;
import io.feedpipe.streams.route.RouteRule;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The feedpipe topology, built by one method from the settings (the tests call the same method):
 *
 * <pre>
 * posts.raw ─► dedupe+clean (store post-state) ─┬─► posts.clean            every revision
 *                                               ├─► posts.updates          revision &gt; 1
 *                                               └─► posts.route.&lt;rule&gt;     per matching rule
 * </pre>
 *
 * Records that cannot be deserialized or processed go to posts.dlq through Kafka Streams' own
 * dead-letter support (KIP-1034), configured in {@link StreamsProperties}.
 */
public final class FeedpipeTopology {

  /** How stale a post's last-seen time may get before a repeat refreshes it in the store. */
  static final Duration TOUCH_GRANULARITY = Duration.ofHours(12);

  /** The dedupe store's name (its changelog topic is {@code <application id>-post-state-changelog}). */
  public static final String DEDUPE_STORE = DedupeCleanProcessor.STORE;

  private FeedpipeTopology() {}

  public static Topology build(StreamsSettings settings) {
    Serde<String> keys = Serdes.String();
    Serde<FetchedPost> fetchedSerde = AvroSerdes.serde(FetchedPost.class);
    Serde<CleanPost> cleanSerde = AvroSerdes.serde(CleanPost.class);
    Produced<String, CleanPost> produced = Produced.with(keys, cleanSerde);

    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(DedupeCleanProcessor.STORE), keys, AvroSerdes.serde(PostState.class)));

    HtmlCleaner cleaner = new HtmlCleaner(settings.cleaner());
    DedupeDecider decider = new DedupeDecider(settings.dedupeRetention(), TOUCH_GRANULARITY);
    LanguageDetector languages = LanguageDetector.shared();

    KStream<String, CleanPost> revisions = builder
        .stream(FeedpipeTopics.RAW, Consumed.with(keys, fetchedSerde).withName("read-raw"))
        .process(() -> new DedupeCleanProcessor(cleaner, decider, languages), Named.as("dedupe-and-clean"), DedupeCleanProcessor.STORE);

    revisions.to(FeedpipeTopics.CLEAN, produced.withName("write-clean"));
    revisions.filter((id, post) -> post.getRevision() > 1, Named.as("edits-only"))
        .to(FeedpipeTopics.UPDATES, Produced.with(keys, cleanSerde).withName("write-updates"));
    for (RouteRule rule : settings.routes()) {
      revisions.filter((id, post) -> rule.matches(post), Named.as("route-" + rule.name()))
          .to(rule.topic(), Produced.with(keys, cleanSerde).withName("write-route-" + rule.name()));
    }
    return builder.build();
  }
}

package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.HtmlCleaner;
import io.feedpipe.streams.dedupe.DedupeDecider;
import io.feedpipe.streams.enrich.FeedLanguages;
import io.feedpipe.streams.enrich.LanguageDetector;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * An Error while processing one record (a stack overflow) becomes an exception the processing
 * handler dead-letters, and leaves neither a store update nor an output behind.
 */
class DedupeCleanFailureTest {

  private final MockProcessorContext<String, CleanPost> context = new MockProcessorContext<>();
  private final KeyValueStore<String, PostState> store = Stores.keyValueStoreBuilder(
      Stores.inMemoryKeyValueStore(DedupeCleanProcessor.STORE), Serdes.String(), AvroSerdes.serde(PostState.class))
      .withLoggingDisabled().build();

  private DedupeCleanProcessor processor(UnaryOperator<CleanPost> fit) {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    var revisions = new PostRevisions(new HtmlCleaner(CleanerConfig.defaults()),
        new DedupeDecider(StreamsSettings.DEFAULT_DEDUPE_RETENTION, FeedpipeTopology.TOUCH_GRANULARITY));
    var processor = new DedupeCleanProcessor(revisions, new FeedLanguages(LanguageDetector.shared()), fit, DedupeSweepListener.NONE);
    processor.init(context);
    return processor;
  }

  private static Record<String, FetchedPost> record(String guid) {
    FetchedPost post = FeedpipeTopologyTest.post(guid, "T", "<p>Text.</p>", FeedpipeTopologyTest.T0);
    return new Record<>(post.getPostId(), post, FeedpipeTopologyTest.T0.toEpochMilli());
  }

  @Test
  void stackOverflowFailsTheRecordWithoutTouchingTheStore() {
    DedupeCleanProcessor processor = processor(post -> {
      throw new StackOverflowError();
    });
    assertThatThrownBy(() -> processor.process(record("a1")))
        .isInstanceOf(PostProcessingException.class).hasMessageStartingWith("post lesswrong:a1: java.lang.StackOverflowError")
        .hasCauseInstanceOf(StackOverflowError.class);
    assertThat(store.get("lesswrong:a1")).isNull();
    assertThat(context.forwarded()).isEmpty();
  }

  @Test
  void outOfMemoryStillPropagates() {
    DedupeCleanProcessor processor = processor(post -> {
      throw new OutOfMemoryError("heap");
    });
    assertThatThrownBy(() -> processor.process(record("a2"))).isInstanceOf(OutOfMemoryError.class);
    assertThat(store.get("lesswrong:a2")).isNull();
  }

  @Test
  void recordThatSucceedsIsStoredAndForwarded() {
    DedupeCleanProcessor processor = processor(UnaryOperator.identity());
    processor.process(record("a3"));
    assertThat(store.get("lesswrong:a3")).isNotNull();
    assertThat(context.forwarded()).hasSize(1);
  }
}

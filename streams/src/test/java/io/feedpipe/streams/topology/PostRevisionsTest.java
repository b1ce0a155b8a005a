package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PostRevisions} is what the topology stores, and sweeps are reported to the listener. */
class PostRevisionsTest {
  static final Instant T0 = FeedpipeTopologyTest.T0;

  @TempDir Path stateDir;

  @Test
  void storedStateOfANewPostIsTheFunctionsOutput() {
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir);
    FetchedPost post = FeedpipeTopologyTest.post("p1", "A <em>title</em>", "<p>Some words about feeds.</p>", T0);
    try (TopologyHarness topology = new TopologyHarness(settings)) {
      topology.send(post);

      assertThat(unstamped(store(topology).get(post.getPostId()))).isEqualTo(PostRevisions.of(settings).stateOf(null, post));
    }
  }

  @Test
  void storedStateOfAnEditAndARepeatIsTheFunctionsOutput() {
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir);
    PostRevisions revisions = PostRevisions.of(settings);
    FetchedPost first = FeedpipeTopologyTest.post("p1", "Title", "<p>Some words about feeds.</p>", T0);
    FetchedPost edited = FeedpipeTopologyTest.post("p1", "Title", "<p>Other words about feeds.</p>", T0.plus(Duration.ofHours(1)));
    FetchedPost repeated = FeedpipeTopologyTest.post("p1", "Title", "<p>Other words about feeds.</p>", T0.plus(Duration.ofDays(1)));
    try (TopologyHarness topology = new TopologyHarness(settings)) {
      KeyValueStore<String, PostState> store = store(topology);
      topology.send(first);
      PostState afterFirst = unstamped(store.get(first.getPostId()));

      topology.send(edited);
      PostState afterEdit = unstamped(store.get(first.getPostId()));
      assertThat(afterEdit.getRevision()).isEqualTo(2);
      assertThat(afterEdit).isEqualTo(revisions.stateOf(afterFirst, edited));

      topology.send(repeated);
      assertThat(unstamped(store.get(first.getPostId()))).isEqualTo(revisions.stateOf(afterEdit, repeated));
      assertThat(revisions.next(afterEdit, repeated).revision()).as("a repeat known by its source hash is not cleaned").isNull();
    }
  }

  @Test
  void everySweepIsReportedWithWhatItScannedAndForgot() {
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir);
    List<DedupeSweepListener.Sweep> sweeps = new CopyOnWriteArrayList<>();
    try (var driver = new TopologyTestDriver(FeedpipeTopology.build(settings, sweeps::add),
        StreamsProperties.of(settings, "unused:9092", Map.of()), T0)) {
      var raw = driver.createInputTopic(FeedpipeTopics.RAW, new StringSerializer(), AvroSerdes.serializer(FetchedPost.class));
      FetchedPost old = FeedpipeTopologyTest.post("old", "Old", "<p>Old words.</p>", T0.minus(Duration.ofDays(31)));
      FetchedPost recent = FeedpipeTopologyTest.post("new", "New", "<p>New words.</p>", T0);
      raw.pipeInput(old.getPostId(), old, old.getFetchedAt());
      raw.pipeInput(recent.getPostId(), recent, recent.getFetchedAt());

      driver.advanceWallClockTime(DedupeSweep.FIRST_SWEEP_DELAY.plusSeconds(1));

      assertThat(sweeps).hasSize(1);
      assertThat(sweeps.get(0).scanned()).isEqualTo(2);
      assertThat(sweeps.get(0).forgotten()).isEqualTo(1);
      assertThat(sweeps.get(0).took().isNegative()).isFalse();
    }
  }

  /** The state without what the topology adds for reprocessing once the revision is assembled ({@link Reprocessing#stamped}). */
  private static PostState unstamped(PostState state) {
    return PostState.newBuilder(state).setOutputHash(null).setRoutes(null).setConfigFingerprint(null).build();
  }

  private static KeyValueStore<String, PostState> store(TopologyHarness topology) {
    return topology.driver.getKeyValueStore(FeedpipeTopology.DEDUPE_STORE);
  }
}

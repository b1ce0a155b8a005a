package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the dedupe store forgets ids: soon after start, at a quarter of a short retention, in batches. */
class DedupeSweepTest {
  static final Instant T0 = FeedpipeTopologyTest.T0;

  @TempDir Path stateDir;

  @Test
  void intervalIsAQuarterOfTheRetentionBetweenAMinuteAndAnHour() {
    assertThat(DedupeSweep.interval(Duration.ofDays(30))).isEqualTo(Duration.ofHours(1));
    assertThat(DedupeSweep.interval(Duration.ofHours(2))).isEqualTo(Duration.ofMinutes(30));
    assertThat(DedupeSweep.interval(Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void idsExpiredAtStartAreForgottenWithinTheFirstMinuteNotAfterAnHour() {
    try (TopologyTestDriver driver = driver(StreamsSettings.DEFAULT_DEDUPE_RETENTION)) {
      send(driver, FeedpipeTopologyTest.post("old", "Old", "<p>Old words.</p>", T0.minus(Duration.ofDays(31))));
      send(driver, FeedpipeTopologyTest.post("new", "New", "<p>New words.</p>", T0));
      KeyValueStore<String, PostState> store = driver.getKeyValueStore(DedupeCleanProcessor.STORE);
      assertThat(store.get("lesswrong:old")).isNotNull();

      driver.advanceWallClockTime(DedupeSweep.FIRST_SWEEP_DELAY.plusSeconds(1));

      assertThat(store.get("lesswrong:old")).as("forgotten by the first sweep").isNull();
      assertThat(store.get("lesswrong:new")).isNotNull();
    }
  }

  @Test
  void shortRetentionIsSweptAtAQuarterOfIt() {
    Duration retention = Duration.ofMinutes(20);
    try (TopologyTestDriver driver = driver(retention)) {
      send(driver, FeedpipeTopologyTest.post("a1", "A", "<p>Words.</p>", T0));
      KeyValueStore<String, PostState> store = driver.getKeyValueStore(DedupeCleanProcessor.STORE);
      driver.advanceWallClockTime(Duration.ofMinutes(19)); // not expired yet; several sweeps ran
      assertThat(store.get("lesswrong:a1")).isNotNull();

      driver.advanceWallClockTime(Duration.ofMinutes(6)); // expired at 20 min, swept by 25 min

      assertThat(store.get("lesswrong:a1")).isNull();
    }
  }

  @Test
  void sweepDeletesEveryExpiredIdAcrossBatchesAndKeepsTheLiveOnes() {
    try (TopologyTestDriver driver = driver(StreamsSettings.DEFAULT_DEDUPE_RETENTION)) {
      KeyValueStore<String, PostState> store = driver.getKeyValueStore(DedupeCleanProcessor.STORE);
      int ids = 2 * DedupeSweep.BATCH + 3_000;
      for (int i = 0; i < ids; i++) {
        Instant lastSeen = i % 10 == 0 ? T0 : T0.minus(Duration.ofDays(40)); // every tenth id is live
        store.put(String.format("feed:%06d", i), state(lastSeen));
      }

      driver.advanceWallClockTime(DedupeSweep.FIRST_SWEEP_DELAY.plusSeconds(1));

      int left = 0;
      try (KeyValueIterator<String, PostState> all = store.all()) {
        while (all.hasNext()) {
          KeyValue<String, PostState> entry = all.next();
          assertThat(entry.value.getLastSeenAt()).isEqualTo(T0);
          left++;
        }
      }
      assertThat(left).isEqualTo(ids / 10 + (ids % 10 == 0 ? 0 : 1));
    }
  }

  private TopologyTestDriver driver(Duration retention) {
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir).with(StreamsSettings.DEFAULT_APPLICATION_ID, retention, 1);
    return new TopologyTestDriver(FeedpipeTopology.build(settings), StreamsProperties.of(settings, "unused:9092", Map.of()), T0);
  }

  private static void send(TopologyTestDriver driver, FetchedPost post) {
    TestInputTopic<String, FetchedPost> raw =
        driver.createInputTopic(FeedpipeTopics.RAW, new StringSerializer(), AvroSerdes.serializer(FetchedPost.class));
    raw.pipeInput(post.getPostId(), post, post.getFetchedAt());
  }

  private static PostState state(Instant lastSeen) {
    return PostState.newBuilder().setRevision(1).setContentHash("c").setSourceHash("s").setFirstSeenAt(lastSeen)
        .setLastSeenAt(lastSeen).setTitle("t").setTextHash("h").setWordSketch(ByteBuffer.wrap(new byte[0])).build();
  }
}

package io.feedpipe.streams.health;

import static io.feedpipe.streams.health.HealthEvents.fetched;
import static io.feedpipe.streams.health.HealthEvents.notModified;
import static io.feedpipe.streams.health.HealthEvents.serverError;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.FeedHealth;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.HealthState;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.topology.FeedpipeTopology;
import io.feedpipe.streams.topology.StreamsProperties;
import io.feedpipe.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed-health sub-topology inside the Streams app's topology, on TopologyTestDriver with its
 * mocked wall clock: events are judged at their time, and DEAD, STALE and forgetting come from the
 * wall-clock checks as the clock is advanced.
 */
class FeedHealthTopologyTest {
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  /** DEGRADED after 2 errors, DEAD after 10 min, STALE after 4 × usual and at least 5 min, checks every minute, forgotten after a day. */
  static final FeedHealthSettings HEALTH = new FeedHealthSettings(2, Duration.ofSeconds(10), 3, Duration.ofMinutes(10), 4,
      Duration.ofMinutes(5), 4, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1));

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, FeedStatus> status;
  private TestOutputTopic<String, FeedHealth> health;

  @BeforeEach
  void start() {
    StreamsSettings settings = StreamsSettings.defaults(List.of(), stateDir)
        .withTopics(FeedpipeTopics.defaults(List.of()).withPrefix("news."))
        .withHealth(HEALTH);
    driver = new TopologyTestDriver(FeedpipeTopology.build(settings), StreamsProperties.of(settings, "unused:9092", Map.of()), T0);
    status = driver.createInputTopic("news.feeds.status", new StringSerializer(), AvroSerdes.serializer(FeedStatus.class));
    health = driver.createOutputTopic("news.feeds.health", new StringDeserializer(), AvroSerdes.deserializer(FeedHealth.class));
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void send(FeedStatus event) {
    status.pipeInput(event.getFeedId(), event, event.getTime());
  }

  private static Instant min(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  /** The states written, a state repeated in a row written once. */
  private static List<HealthState> states(List<TestRecord<String, FeedHealth>> records) {
    List<HealthState> states = new ArrayList<>();
    for (TestRecord<String, FeedHealth> r : records) {
      HealthState s = r.value().getState();
      if (states.isEmpty() || states.get(states.size() - 1) != s) {
        states.add(s);
      }
    }
    return states;
  }

  @Test
  void failingFeedGoesOkDegradedDeadAndOkAgain() {
    send(fetched(T0, 1000, 5));
    send(serverError(min(1), 1));
    send(serverError(min(2), 2));
    List<TestRecord<String, FeedHealth>> written = new ArrayList<>(health.readRecordsToList());
    assertThat(states(written)).containsExactly(HealthState.OK, HealthState.DEGRADED);

    driver.advanceWallClockTime(Duration.ofMinutes(9));
    assertThat(health.isEmpty()).as("9 minutes after the last success: not dead yet").isTrue();
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    TestRecord<String, FeedHealth> dead = health.readRecord();
    assertThat(dead.key()).isEqualTo(HealthEvents.FEED);
    assertThat(dead.value().getState()).isEqualTo(HealthState.DEAD);
    assertThat(dead.value().getSince()).isEqualTo(min(10));
    assertThat(dead.value().getReason()).contains("health.dead-after 10m").contains("HTTP 500");
    written.add(dead);

    send(fetched(min(12), 1100, 6));
    written.addAll(health.readRecordsToList());
    assertThat(states(written)).containsExactly(HealthState.OK, HealthState.DEGRADED, HealthState.DEAD, HealthState.OK);
    FeedHealth last = written.get(written.size() - 1).value();
    assertThat(last.getErrorsInARow()).isZero();
    assertThat(last.getLastSuccessAt()).isEqualTo(min(12));
  }

  @Test
  void feedAnsweringNotModifiedLongerThanItsUsualIntervalBecomesStale() {
    send(fetched(T0, 1000, 5));
    send(fetched(min(1), 1100, 6)); // a change after one minute: its usual interval
    send(notModified(min(2)));
    send(notModified(min(4)));
    assertThat(states(health.readRecordsToList())).containsExactly(HealthState.OK);

    driver.advanceWallClockTime(Duration.ofMinutes(7));
    TestRecord<String, FeedHealth> stale = health.readRecord();
    assertThat(stale.value().getState()).isEqualTo(HealthState.STALE);
    assertThat(stale.value().getSince()).as("the last change plus max(4 × 1 min, 5 min)").isEqualTo(min(6));
    assertThat(stale.value().getLastOutcome()).isEqualTo("NOT_MODIFIED");
  }

  @Test
  void aStableFeedIsNotRewrittenOnEveryPoll() {
    send(fetched(T0, 1000, 5));
    send(fetched(min(1), 1100, 6));
    send(notModified(min(2)));
    send(notModified(min(3)));
    assertThat(health.readRecordsToList()).hasSize(1);
  }

  @Test
  void countsPerStateComeFromTheStore() {
    send(fetched(T0, 1000, 5));
    FeedStatus other = serverError(T0, 5);
    other.setFeedId("broken");
    send(other);
    FeedHealthCounts counts = FeedHealthCounts.of(driver.getKeyValueStore(FeedHealthTopology.STORE));
    assertThat(counts.of(HealthState.OK)).isEqualTo(1);
    assertThat(counts.of(HealthState.DEGRADED)).isEqualTo(1);
    assertThat(counts.of(HealthState.DEAD)).isZero();
    assertThat(counts.total()).isEqualTo(2);
  }

  @Test
  void countsKeepTheirLastValueWhileTheStoreCannotBeQueried() {
    send(fetched(T0, 1000, 5));
    boolean[] queryable = {true};
    var counts = FeedHealthCounts.from(() -> {
      if (!queryable[0]) {
        throw new org.apache.kafka.streams.errors.InvalidStateStoreException("rebalancing");
      }
      return driver.<String, FeedHealth>getKeyValueStore(FeedHealthTopology.STORE);
    });
    assertThat(counts.get().of(HealthState.OK)).isEqualTo(1);
    queryable[0] = false;
    assertThat(counts.get().of(HealthState.OK)).as("the last counts, not zero").isEqualTo(1);
    assertThat(FeedHealthCounts.from(() -> {
      throw new org.apache.kafka.streams.errors.InvalidStateStoreException("starting");
    }).get().total()).isZero();
  }

  @Test
  void countsAreNoneOutsideARebalanceWhenTheStoreCannotBeQueried() {
    send(fetched(T0, 1000, 5));
    boolean[] queryable = {true};
    boolean[] rebalancing = {false};
    var counts = FeedHealthCounts.from(() -> {
      if (!queryable[0]) {
        throw new org.apache.kafka.streams.errors.InvalidStateStoreException("not here");
      }
      return driver.<String, FeedHealth>getKeyValueStore(FeedHealthTopology.STORE);
    }, () -> rebalancing[0]);
    assertThat(counts.get().of(HealthState.OK)).isEqualTo(1);
    queryable[0] = false;
    rebalancing[0] = true;
    assertThat(counts.get().of(HealthState.OK)).as("during a rebalance: the last counts").isEqualTo(1);
    rebalancing[0] = false;
    assertThat(counts.get().total()).as("running without the store: this instance holds none of it").isZero();
  }

  @Test
  void aFeedWithoutEventsForForgetAfterIsForgottenWithATombstone() {
    send(fetched(T0, 1000, 5));
    health.readRecordsToList();
    driver.advanceWallClockTime(Duration.ofMinutes(11)); // DEAD first: not fetched for dead-after
    assertThat(health.readRecord().value().getState()).isEqualTo(HealthState.DEAD);
    driver.advanceWallClockTime(Duration.ofDays(1));
    TestRecord<String, FeedHealth> tombstone = health.readRecord();
    assertThat(tombstone.key()).isEqualTo(HealthEvents.FEED);
    assertThat(tombstone.value()).isNull();
    assertThat(FeedHealthCounts.of(driver.getKeyValueStore(FeedHealthTopology.STORE)).total()).isZero();
  }
}

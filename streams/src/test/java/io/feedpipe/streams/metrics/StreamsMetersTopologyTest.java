package io.feedpipe.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.route.RouteRule;
import io.feedpipe.streams.topology.DedupeSweepListener;
import io.feedpipe.streams.topology.FeedpipeTopology;
import io.feedpipe.streams.topology.StreamsProperties;
import io.feedpipe.streams.topology.StreamsSettings;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Streams metrics after the LessWrong polls (52 items: 20 new, 2 edits, 30 repeats), and after poison records. */
class StreamsMetersTopologyTest {

  /** The polls' fetch times, and the time the posts are written (the registry's clock). */
  static final Instant FIRST_POLL = Instant.parse("2025-12-08T21:00:00Z"); // after the last publishedAt
  static final Duration POLL_INTERVAL = Duration.ofMinutes(10);
  static final Instant NOW = FIRST_POLL.plus(POLL_INTERVAL.multipliedBy(2)).plusSeconds(3);

  @TempDir Path stateDir;
  SimpleMeterRegistry registry;
  TopologyTestDriver driver;
  TestInputTopic<String, FetchedPost> raw;
  TestInputTopic<String, byte[]> rawBytes;

  @BeforeEach
  void start() {
    registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new FixedClock(NOW));
    StreamsMeters meters = new StreamsMeters(registry);
    List<RouteRule> routes = List.of(
        new RouteRule("everything", Set.of("lesswrong"), Set.of(), null),
        new RouteRule("hope", Set.of(), Set.of(), Pattern.compile("(?i)\\bhope\\b")),
        new RouteRule("nothing", Set.of("another-feed"), Set.of(), null));
    StreamsSettings settings = StreamsSettings.defaults(routes, stateDir);
    driver = new TopologyTestDriver(FeedpipeTopology.build(settings, DedupeSweepListener.NONE, meters),
        StreamsProperties.of(settings, "unused:9092", Map.of(), meters), FIRST_POLL);
    raw = driver.createInputTopic(settings.topics().raw(), new StringSerializer(), AvroSerdes.serializer(FetchedPost.class));
    rawBytes = driver.createInputTopic(settings.topics().raw(), new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void ingestLessWrongPolls() {
    for (int n = 1; n <= LessWrongPolls.POLLS; n++) {
      Instant fetchedAt = FIRST_POLL.plus(POLL_INTERVAL.multipliedBy(n - 1));
      for (FetchedPost post : LessWrongPolls.poll(n, fetchedAt)) {
        raw.pipeInput(post.getPostId(), post, fetchedAt);
      }
    }
  }

  private double counter(String name, String... tags) {
    Counter counter = registry.find(name).tags(tags).counter();
    assertThat(counter).as("%s %s is registered", name, Arrays.toString(tags)).isNotNull();
    return counter.count();
  }

  private Timer latency(String from) {
    return registry.get("feedpipe.streams.end.to.end.latency").tag("from", from).timer();
  }

  @Test
  void lessWrongPollsAreCountedAsFiftyTwoInTwentyNewTwoEditsThirtyRepeats() {
    ingestLessWrongPolls();

    assertThat(counter("feedpipe.streams.posts.in")).isEqualTo(52);
    assertThat(counter("feedpipe.streams.posts", "outcome", "new")).isEqualTo(20);
    assertThat(counter("feedpipe.streams.posts", "outcome", "edit")).isEqualTo(2);
    assertThat(counter("feedpipe.streams.posts", "outcome", "repeat")).isEqualTo(30);
    assertThat(registry.find("feedpipe.streams.dlq.records").counters()).as("every reason is there, at 0")
        .hasSize(5).allSatisfy(c -> assertThat(c.count()).isZero());
    // Only posts whose source changed are cleaned: the 20 new ones and the 2 edits.
    assertThat(registry.get("feedpipe.streams.clean.duration").timer().count()).isEqualTo(22);
  }

  @Test
  void everyNewPostAndEditIsOneObservationOfEachLatency() {
    ingestLessWrongPolls();

    Timer fromFetched = latency("fetched");
    Timer fromPublished = latency("published");
    assertThat(fromFetched.count()).isEqualTo(22);
    assertThat(fromPublished.count()).isEqualTo(22);
    // Written at NOW: from fetchedAt, 3 s after the last poll and at most 20 min 3 s after the first.
    assertThat(fromFetched.max(TimeUnit.SECONDS)).isEqualTo(Duration.between(FIRST_POLL, NOW).toSeconds());
    assertThat(bucketCount(fromFetched, Duration.ofSeconds(2))).isZero();
    assertThat(bucketCount(fromFetched, Duration.ofSeconds(5))).as("the edits and new posts of the last poll").isPositive();
    // The fixture's posts were published from 7 December 14:00 to 8 December 20:00: observed in the
    // hour- and day-sized buckets, none lost above the largest one.
    assertThat(bucketCount(fromPublished, Duration.ofMinutes(30))).isZero();
    assertThat(bucketCount(fromPublished, Duration.ofDays(1))).as("some more than a day old").isLessThan(22);
    assertThat(bucketCount(fromPublished, Duration.ofDays(2))).isEqualTo(22);
  }

  @Test
  void routeMatchesAreCountedPerRule() {
    ingestLessWrongPolls();

    assertThat(counter("feedpipe.streams.route.matches", "route", "everything")).as("every revision written").isEqualTo(22);
    assertThat(counter("feedpipe.streams.route.matches", "route", "hope")).as("'I have hope' and its edit").isEqualTo(2);
    assertThat(counter("feedpipe.streams.route.matches", "route", "nothing")).isZero();
  }

  @Test
  void poisonRecordsAreCountedWithTheirReason() {
    FetchedPost post = LessWrongPolls.poll(1, FIRST_POLL).get(0);
    raw.pipeInput("a-key-that-is-not-its-post-id", post, FIRST_POLL);
    rawBytes.pipeInput("lesswrong:bad", "not avro at all".getBytes(StandardCharsets.UTF_8), FIRST_POLL);
    raw.pipeInput(post.getPostId(), post, FIRST_POLL);

    assertThat(counter("feedpipe.streams.dlq.records", "reason", "processing_failed")).isEqualTo(1);
    assertThat(counter("feedpipe.streams.dlq.records", "reason", "undecodable")).isEqualTo(1);
    assertThat(counter("feedpipe.streams.posts", "outcome", "new")).as("the app went on").isEqualTo(1);
    assertThat(counter("feedpipe.streams.posts.in")).as("records that decoded").isEqualTo(2);
    assertThat(latency("fetched").count()).as("only what was written").isEqualTo(1);
  }

  private static double bucketCount(Timer timer, Duration upperBound) {
    for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
      if (bucket.bucket(TimeUnit.NANOSECONDS) == upperBound.toNanos()) {
        return bucket.count();
      }
    }
    throw new AssertionError("no bucket at " + upperBound + " in " + Arrays.toString(timer.takeSnapshot().histogramCounts()));
  }

  /** The registry's clock, stopped at one instant: the time every post is written. */
  private record FixedClock(Instant now) implements Clock {
    @Override
    public long wallTime() {
      return now.toEpochMilli();
    }

    @Override
    public long monotonicTime() {
      return TimeUnit.MILLISECONDS.toNanos(now.toEpochMilli());
    }
  }
}

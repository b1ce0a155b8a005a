package io.feedpipe.producer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.producer.Fixtures;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.state.InMemoryFeedStateStore;
import io.feedpipe.producer.fetch.Validators;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.poll.FeedPoll;
import io.feedpipe.producer.schedule.PollScheduler;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.MockProducer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import java.util.concurrent.Future;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiring around {@link FeedPoll}, on Kafka's MockProducer: no broker. */
class FeedProducerTest {
  private final FeedSource poll1 = FeedSource.fromUrl(Fixtures.fileUri("fixtures/lesswrong/poll-1.xml").toString());
  private final InMemoryFeedStateStore validators = new InMemoryFeedStateStore();

  private static FeedPoll feedPoll() {
    return new FeedPoll(new FeedFetcher(Duration.ofSeconds(5), 15_000_000, "t"), new FeedParser(), new EntryMapper(), Clock.systemUTC());
  }

  private FeedProducer producer(List<FeedSource> feeds, MockProducer<String, SpecificRecordBase> kafka) {
    return new FeedProducer(ProducerSettings.defaults(feeds), kafka, feedPoll(), validators, Clock.systemUTC());
  }

  private static MockProducer<String, SpecificRecordBase> mockKafka() {
    return new MockProducer<>(true, null, new StringSerializer(), new RecordSerializer());
  }

  @Test
  void sendsEveryPostKeyedByPostIdAndOneStatusKeyedByFeedId() {
    MockProducer<String, SpecificRecordBase> kafka = mockKafka();

    PollSummary summary;
    try (FeedProducer producer = producer(List.of(poll1), kafka)) {
      summary = producer.pollAllOnce();
    }

    assertThat(summary).isEqualTo(new PollSummary(1, 16, Map.of(FetchOutcome.FETCHED, 1)));
    List<ProducerRecord<String, SpecificRecordBase>> posts = kafka.history().stream().filter(r -> r.topic().equals("posts.raw")).toList();
    List<ProducerRecord<String, SpecificRecordBase>> statuses = kafka.history().stream().filter(r -> r.topic().equals("feeds.status")).toList();
    assertThat(posts).hasSize(16).allSatisfy(r -> assertThat(r.key()).isEqualTo(((FetchedPost) r.value()).getPostId()));
    assertThat(statuses).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo("poll-1");
      assertThat(((FeedStatus) r.value()).getItemCount()).isEqualTo(16);
      assertThat(((FeedStatus) r.value()).getNextPollAt()).as("a single round plans no next poll").isNull();
    });
    assertThat(kafka.history().get(kafka.history().size() - 1).topic()).as("status after the posts").isEqualTo("feeds.status");
    assertThat(kafka.closed()).isTrue();
  }

  @Test
  void recordsAreAvroSingleObjectEncoded() {
    MockProducer<String, SpecificRecordBase> kafka = mockKafka();
    try (FeedProducer producer = producer(List.of(poll1), kafka)) {
      producer.pollAllOnce();
    }
    ProducerRecord<String, SpecificRecordBase> first = kafka.history().get(0);

    byte[] bytes = new RecordSerializer().serialize(first.topic(), first.value());

    assertThat(AvroSerdes.deserializer(FetchedPost.class).deserialize(first.topic(), bytes)).isEqualTo(first.value());
  }

  @Test
  void aBrokenFeedDoesNotStopTheOthers(@TempDir Path dir) throws Exception {
    FeedSource missing = FeedSource.fromUrl(dir.resolve("missing.xml").toUri().toString());
    FeedSource garbage = FeedSource.fromUrl(Files.writeString(dir.resolve("garbage.xml"), "<<< not xml >>>").toUri().toString());
    MockProducer<String, SpecificRecordBase> kafka = mockKafka();

    PollSummary summary;
    try (FeedProducer producer = producer(List.of(missing, poll1, garbage), kafka)) {
      summary = producer.pollAllOnce();
    }

    assertThat(summary.feeds()).isEqualTo(3);
    assertThat(summary.postsSent()).isEqualTo(16);
    assertThat(summary.count(FetchOutcome.FETCHED)).isEqualTo(1);
    assertThat(summary.count(FetchOutcome.UNREACHABLE)).isEqualTo(1);
    assertThat(summary.count(FetchOutcome.UNPARSABLE)).isEqualTo(1);
    assertThat(kafka.history().stream().filter(r -> r.topic().equals("feeds.status"))).hasSize(3);
  }

  @Test
  void validatorsAreSavedOnlyOnceEveryRecordIsAcknowledged() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/feed", exchange -> {
      try (exchange) {
        byte[] body = Fixtures.bytes("fixtures/lesswrong/poll-1.xml");
        exchange.getResponseHeaders().add("ETag", "\"v1\"");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
    try {
      FeedSource feed = new FeedSource("lw", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed"));
      MockProducer<String, SpecificRecordBase> failing = new MockProducer<>(false, null, new StringSerializer(), new RecordSerializer()) {
        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, SpecificRecordBase> record, Callback callback) {
          Future<RecordMetadata> ack = super.send(record, callback);
          if (record.topic().equals("posts.raw")) {
            errorNext(new TimeoutException("broker gone")); // each post answered as sent: the status follows them
          }
          return ack;
        }

        @Override
        public synchronized void flush() {
          while (errorNext(new TimeoutException("broker gone"))) {
            // fail every pending send
          }
        }
      };

      try (FeedProducer producer = producer(List.of(feed), failing)) {
        assertThatThrownBy(producer::pollAllOnce)
            .isInstanceOf(RecordsNotSentException.class)
            .hasMessageContaining("17 record(s)")
            .hasMessageContaining("topic posts.raw, key lw:")
            .hasMessageContaining("broker gone");
      }
      assertThat(validators.get("lw", feed.url().toString()).validators()).as("not saved: the next poll must fetch in full").isEqualTo(Validators.none());

      try (FeedProducer producer = producer(List.of(feed), mockKafka())) {
        producer.pollAllOnce();
      }
      assertThat(validators.get("lw", feed.url().toString()).validators()).isEqualTo(new Validators("\"v1\"", null));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void sendThatThrowsIsReportedLikeAFailedAck() {
    MockProducer<String, SpecificRecordBase> kafka = mockKafka();
    kafka.sendException = new IllegalStateException("producer is closed");

    try (FeedProducer producer = producer(List.of(poll1), kafka)) {
      assertThatThrownBy(producer::pollAllOnce)
          .isInstanceOf(RecordsNotSentException.class)
          .hasMessageContaining("topic posts.raw")
          .hasMessageContaining("producer is closed");
    }
  }

  @Test
  void runUntilStoppedPollsAgainAndPlansTheNextPoll() throws Exception {
    MockProducer<String, SpecificRecordBase> kafka = mockKafka();
    ProducerSettings settings = new ProducerSettings(List.of(poll1), Duration.ofMillis(50), Duration.ofSeconds(5), 15_000_000,
        "t", "posts.raw", "feeds.status");
    FeedPoll fixedInterval = new FeedPoll(new FeedFetcher(Duration.ofSeconds(5), 15_000_000, "t"), new FeedParser(), new EntryMapper(),
        new PollScheduler(settings.schedule(), () -> 0.5), 1000, Clock.systemUTC());
    try (FeedProducer producer = new FeedProducer(settings, kafka, fixedInterval, validators, Clock.systemUTC())) {
      Thread runner = new Thread(producer::runUntilStopped);
      runner.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (statuses(kafka).size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      producer.stop();
      runner.join(10_000);
      assertThat(runner.isAlive()).isFalse();
    }

    assertThat(statuses(kafka)).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(status -> assertThat(status.getNextPollAt()).isAfter(status.getTime()));
  }

  @Test
  void aDeadStateReaderEndsTheRunWithAnErrorNamingTheThread() {
    MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    TopicPartition partition = new TopicPartition("feeds.state", 0);
    consumer.updatePartitions("feeds.state", List.of(new PartitionInfo("feeds.state", 0, null, new Node[0], new Node[0])));
    consumer.updateBeginningOffsets(Map.of(partition, 0L));
    consumer.updateEndOffsets(Map.of(partition, 0L));
    consumer.setPollException(new KafkaException("log directory offline"));
    MockProducer<String, SpecificRecordBase> kafka = mockKafka();
    KafkaFeedStateStore states = new KafkaFeedStateStore("feeds.state", consumer, kafka);

    try (FeedProducer producer = new FeedProducer(ProducerSettings.defaults(List.of(poll1)), kafka, feedPoll(), states, Clock.systemUTC())) {
      CompletableFuture<Void> run = CompletableFuture.runAsync(producer::runUntilStopped);

      Awaitility.await().atMost(Duration.ofSeconds(60)).until(run::isDone);
      assertThatThrownBy(run::join).cause()
          .isInstanceOf(CriticalThreadException.class)
          .hasMessageContaining("feedpipe-state-reader")
          .hasMessageContaining("log directory offline");
      assertThat(producer.failure()).isCompletedExceptionally();
      assertThat(producer.deadThread()).hasValueSatisfying(m -> assertThat(m).contains("feedpipe-state-reader"));
      assertThat(producer.notReady()).as("not live, not ready").isEqualTo(producer.deadThread());
    }
  }

  @Test
  void readyOnceStartedAndWhileEveryCriticalThreadRuns() {
    try (FeedProducer producer = producer(List.of(poll1), mockKafka())) {
      assertThat(producer.notReady()).hasValue("the producer has not started");
      producer.pollAllOnce();
      assertThat(producer.notReady()).isEmpty();
      assertThat(producer.deadThread()).isEmpty();
    }
  }

  @Test
  void anErrorInTheDispatcherEndsTheRunInsteadOfLeavingAnIdleProcess() {
    AtomicBoolean broken = new AtomicBoolean();
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        if (broken.get()) {
          throw new StackOverflowError("simulated");
        }
        return Instant.now();
      }

      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    try (FeedProducer producer = new FeedProducer(ProducerSettings.defaults(List.of(poll1)), mockKafka(), feedPoll(), validators, clock)) {
      broken.set(true);

      assertThatThrownBy(producer::runUntilStopped)
          .isInstanceOf(CriticalThreadException.class)
          .hasMessageContaining("dispatcher")
          .hasMessageContaining("StackOverflowError");
    }
  }

  private static List<FeedStatus> statuses(MockProducer<String, SpecificRecordBase> kafka) {
    return kafka.history().stream().filter(r -> r.topic().equals("feeds.status")).map(r -> (FeedStatus) r.value()).toList();
  }
}

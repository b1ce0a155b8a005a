package io.feedpipe.producer.kafka;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.fetch.InMemoryValidatorStore;
import io.feedpipe.producer.fetch.ValidatorStore;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.poll.FeedPoll;
import io.feedpipe.producer.poll.PollResult;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.FetchedPost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the configured feeds and writes every entry to the raw topic (keyed by post id) and one
 * status per feed to the status topic (keyed by feed id), through one idempotent {@code acks=all}
 * Kafka producer.
 *
 * <p>Run once with {@link #pollAllOnce()}, or on the poll interval with {@link #runUntilStopped()}
 * until {@link #stop()}. Feeds are polled in parallel on a small pool; a feed's validators (ETag,
 * Last-Modified) are remembered only once all its records are acknowledged.
 */
public final class FeedProducer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedProducer.class);
  // Fetches mostly wait on the network; a few threads keep a slow feed from delaying the rest
  // without hammering anyone.
  private static final int MAX_POLL_THREADS = 4;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final ProducerSettings settings;
  private final Producer<String, SpecificRecordBase> producer;
  private final FeedPoll poll;
  private final ValidatorStore validators;
  private final Clock clock;
  private final ExecutorService pollPool;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * @param kafkaProperties Kafka producer settings; at least {@code bootstrap.servers}. Safety
   *     settings feedpipe fixes may be repeated but not contradicted (see {@link KafkaProducerConfig})
   * @throws IllegalArgumentException naming the Kafka setting at fault
   */
  public FeedProducer(ProducerSettings settings, Map<String, Object> kafkaProperties) {
    this(
        settings,
        new KafkaProducer<>(KafkaProducerConfig.build(kafkaProperties), new StringSerializer(), new RecordSerializer()),
        defaultPoll(settings),
        new InMemoryValidatorStore(),
        Clock.systemUTC());
  }

  /** For tests: any producer (e.g. a MockProducer), poll and store. */
  FeedProducer(
      ProducerSettings settings,
      Producer<String, SpecificRecordBase> producer,
      FeedPoll poll,
      ValidatorStore validators,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.poll = Objects.requireNonNull(poll, "poll");
    this.validators = Objects.requireNonNull(validators, "validators");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pollPool = Executors.newFixedThreadPool(Math.min(MAX_POLL_THREADS, settings.feeds().size()), pollThreads());
  }

  private static FeedPoll defaultPoll(ProducerSettings settings) {
    FeedFetcher fetcher = new FeedFetcher(settings.fetchTimeout(), settings.maxBodyBytes(), settings.userAgent());
    return new FeedPoll(fetcher, new FeedParser(), new EntryMapper(), Clock.systemUTC());
  }

  /**
   * Polls every feed once, sends its posts and its status, and waits until Kafka has acknowledged
   * every record.
   *
   * @throws RecordsNotSentException when any record was not acknowledged; it names the topic and
   *     key of the first
   */
  public PollSummary pollAllOnce() {
    return round(null);
  }

  /**
   * Polls every feed every {@link ProducerSettings#pollInterval()} (start to start) until {@link
   * #stop()} is called. A round whose records Kafka does not acknowledge is logged and the next
   * round goes ahead; its feeds are fetched in full again.
   */
  public void runUntilStopped() {
    while (stopped.getCount() > 0) {
      Instant next = clock.instant().plus(settings.pollInterval());
      try {
        PollSummary summary = round(next);
        log.info("round: {} feeds, {} posts sent, outcomes {}", summary.feeds(), summary.postsSent(), summary.byOutcome());
      } catch (RuntimeException e) {
        log.error("round failed, trying again at {}: {}", next, e.getMessage(), e);
      }
      long waitMs = Duration.between(clock.instant(), next).toMillis();
      try {
        if (waitMs > 0 && stopped.await(waitMs, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Ends {@link #runUntilStopped()} after the round in progress, if any. */
  public void stop() {
    stopped.countDown();
  }

  /** Stops, lets a round in progress finish its fetches, and closes the Kafka producer. */
  @Override
  public void close() {
    stop();
    pollPool.shutdown();
    try {
      if (!pollPool.awaitTermination(settings.fetchTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
        pollPool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pollPool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    producer.close(CLOSE_TIMEOUT);
  }

  private PollSummary round(Instant nextPollAt) {
    List<Future<FeedSends>> polls = new ArrayList<>();
    for (FeedSource feed : settings.feeds()) {
      polls.add(pollPool.submit(() -> pollAndSend(feed, nextPollAt)));
    }
    List<FeedSends> sent = new ArrayList<>();
    for (Future<FeedSends> future : polls) {
      sent.add(await(future));
    }
    producer.flush(); // sends the lingering batches and waits for every acknowledgement

    Map<FetchOutcome, Integer> byOutcome = new EnumMap<>(FetchOutcome.class);
    List<FailedSend> failures = new ArrayList<>();
    int postsSent = 0;
    for (FeedSends feed : sent) {
      FeedStatus status = feed.result().status();
      byOutcome.merge(status.getOutcome(), 1, Integer::sum);
      List<FailedSend> feedFailures = feed.failures();
      if (feedFailures.isEmpty()) {
        postsSent += feed.result().posts().size();
        feed.result().validatorsToSave().ifPresent(v -> validators.put(status.getFeedId(), v));
      }
      failures.addAll(feedFailures);
      logFeed(status, feedFailures.size());
    }
    if (!failures.isEmpty()) {
      FailedSend first = failures.get(0);
      throw new RecordsNotSentException(
          failures.size() + " record(s) were not acknowledged by Kafka; the first: topic " + first.topic() + ", key "
              + first.key() + ": " + first.error(),
          failures.size(),
          first.error());
    }
    return new PollSummary(sent.size(), postsSent, byOutcome);
  }

  private FeedSends pollAndSend(FeedSource feed, Instant nextPollAt) {
    PollResult result = poll.poll(feed, validators.get(feed.id()), nextPollAt);
    List<Send> sends = new ArrayList<>(result.posts().size() + 1);
    for (FetchedPost post : result.posts()) {
      sends.add(send(settings.rawTopic(), post.getPostId(), post));
    }
    // The status goes last: a reader that sees it can expect the posts to be there already.
    sends.add(send(settings.statusTopic(), feed.id(), result.status()));
    return new FeedSends(result, sends);
  }

  private Send send(String topic, String key, SpecificRecordBase value) {
    Future<RecordMetadata> ack;
    try {
      ack = producer.send(new ProducerRecord<>(topic, key, value));
    } catch (RuntimeException e) { // e.g. a SerializationException, thrown rather than returned
      ack = CompletableFuture.failedFuture(e);
    }
    return new Send(topic, key, ack);
  }

  private static FeedSends await(Future<FeedSends> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling feeds", e);
    } catch (ExecutionException e) {
      // FeedPoll turns every feed problem into a status; this is a bug in the wiring.
      throw new IllegalStateException("polling a feed failed unexpectedly: " + e.getCause(), e.getCause());
    }
  }

  private static void logFeed(FeedStatus status, int failedSends) {
    String error = status.getError() == null ? "" : " error=" + status.getError();
    String notSent = failedSends == 0 ? "" : " NOT SENT=" + failedSends;
    log.info(
        "feed {} {} items={} {}ms{}{}", status.getFeedId(), status.getOutcome(), status.getItemCount(), status.getDurationMs(), error, notSent);
  }

  private static ThreadFactory pollThreads() {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "feedpipe-poll-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private record Send(String topic, String key, Future<RecordMetadata> ack) {}

  private record FailedSend(String topic, String key, Throwable error) {}

  /** One feed's poll and the sends of its records. */
  private record FeedSends(PollResult result, List<Send> sends) {
    /** Call after flush(): every ack is then complete. */
    List<FailedSend> failures() {
      List<FailedSend> failed = new ArrayList<>();
      for (Send send : sends) {
        try {
          send.ack().get();
        } catch (ExecutionException e) {
          failed.add(new FailedSend(send.topic(), send.key(), e.getCause()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failed.add(new FailedSend(send.topic(), send.key(), e));
        }
      }
      return failed;
    }
  }
}

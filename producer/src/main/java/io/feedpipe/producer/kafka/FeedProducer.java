package io.feedpipe.producer.kafka;

import io.feedpipe.producer.ProducerThreads;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.poll.FeedPoll;
import io.feedpipe.producer.poll.PollResult;
import io.feedpipe.producer.poll.ProducerMetrics;
import io.feedpipe.producer.schedule.FeedRegistry;
import io.feedpipe.producer.schedule.HostGate;
import io.feedpipe.producer.schedule.PollDispatcher;
import io.feedpipe.producer.schedule.PollScheduler;
import io.feedpipe.producer.state.FeedStateStore;
import io.feedpipe.producer.state.InMemoryFeedStateStore;
import io.feedpipe.producer.text.SourceChars;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls feeds and writes every entry to the raw topic (keyed by post id) and one status per fetch to
 * the status topic (keyed by feed id), through one idempotent {@code acks=all} Kafka producer.
 *
 * <p>The feeds are either a static list (configuration, {@code --feed}) or this instance's share of
 * the managed list in {@code feeds.config} ({@link ManagedFeedList}: a consumer group spreads the
 * feeds over the instances) — both kept in a {@link FeedRegistry}. Each feed is polled when the
 * {@link PollScheduler} says it is due; the {@link PollDispatcher} starts due polls on a pool of
 * {@code max-concurrent-fetches} threads, no more than {@code per-host-concurrency} at a time per
 * host and {@code per-host-gap} apart ({@link HostGate}). The {@link RecordPublisher} sends a
 * poll's records and saves the feed's state (validators, error streak, next poll) — to {@code
 * feeds.state} when configured — only once all its records are acknowledged.
 *
 * <p>A record is the unit of failure: a post Kafka refuses for itself alone (too large for the
 * topic, unserializable; see {@link RecordRefusal}) is named in the feed's status (error and a
 * note per entry) and does not hold the feed back — its other posts are written and its state
 * advances, since a refetch would be refused again. An error every record shares (broker gone,
 * timeouts) keeps the feed's state, so it is fetched in full next time.
 *
 * <p>This class only builds and wires those parts and watches the threads it cannot work without
 * ({@link #failure()}). Run once with {@link #pollAllOnce()}, or continuously with {@link
 * #runUntilStopped()} until {@link #stop()}.
 */
public final class FeedProducer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedProducer.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(90);

  private final ProducerSettings settings;
  private final Producer<String, SpecificRecordBase> producer;
  private final FeedPoll poll;
  private final FeedStateStore states;
  private final KafkaFeedStateStore kafkaStates;
  private final ManagedFeedList managed;
  private final Map<String, Object> clientProperties;
  private final Clock clock;
  private final ExecutorService pool;
  private final PollDispatcher dispatcher;
  private final FeedRegistry registry;
  private final RecordPublisher publisher;
  private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();

  private final CompletableFuture<Void> failure = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param kafkaProperties Kafka client settings; at least {@code bootstrap.servers}. Safety
   *     settings feedpipe fixes may be repeated but not contradicted (see {@link KafkaProducerConfig})
   * @throws IllegalArgumentException naming the Kafka setting at fault
   */
  public FeedProducer(ProducerSettings settings, Map<String, Object> kafkaProperties) {
    this(settings, newKafkaProducer(kafkaProperties), kafkaProperties, Clock.systemUTC(), ProducerMetrics.none(), null);
  }

  /**
   * A producer whose meters (docs/metrics.md: {@code feedpipe_producer_*}, and the Kafka clients'
   * own {@code kafka_producer_*} / {@code kafka_consumer_*}) are registered on {@code meters}.
   *
   * @param kafkaProperties Kafka client settings; at least {@code bootstrap.servers}
   * @throws IllegalArgumentException naming the Kafka setting at fault
   */
  public FeedProducer(ProducerSettings settings, Map<String, Object> kafkaProperties, MeterRegistry meters) {
    this(settings, newKafkaProducer(kafkaProperties), kafkaProperties, Clock.systemUTC(), new ProducerMetrics(meters),
        Objects.requireNonNull(meters, "meters"));
  }

  private static Producer<String, SpecificRecordBase> newKafkaProducer(Map<String, Object> kafkaProperties) {
    return new KafkaProducer<>(KafkaProducerConfig.build(kafkaProperties), new StringSerializer(), new RecordSerializer());
  }

  private FeedProducer(ProducerSettings settings, Producer<String, SpecificRecordBase> producer, Map<String, Object> kafkaProperties,
      Clock clock, ProducerMetrics metrics, MeterRegistry meters) {
    this(settings, producer, defaultPoll(settings, clock, metrics),
        settings.stateTopic() == null ? null : new KafkaFeedStateStore(settings.stateTopic(), consumerProperties(kafkaProperties), producer),
        kafkaProperties, clock, metrics, meters);
  }

  /** For tests: any producer (e.g. a MockProducer), poll and store; a static feed list. */
  FeedProducer(ProducerSettings settings, Producer<String, SpecificRecordBase> producer, FeedPoll poll, FeedStateStore states, Clock clock) {
    this(settings, producer, poll, states, null, clock, ProducerMetrics.none(), null);
  }

  private FeedProducer(ProducerSettings settings, Producer<String, SpecificRecordBase> producer, FeedPoll poll, FeedStateStore states,
      Map<String, Object> kafkaProperties, Clock clock, ProducerMetrics metrics, MeterRegistry meters) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.poll = Objects.requireNonNull(poll, "poll");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.kafkaStates = states instanceof KafkaFeedStateStore k ? k : null;
    this.states = states != null ? states : new InMemoryFeedStateStore();
    this.clientProperties = kafkaProperties == null ? null : consumerProperties(kafkaProperties);
    int maxConcurrent = settings.schedule().maxConcurrentFetches();
    this.pool = Executors.newFixedThreadPool(maxConcurrent, ProducerThreads.factory(ProducerThreads.POLL_PREFIX));
    this.dispatcher = new PollDispatcher(maxConcurrent,
        new HostGate(settings.schedule().perHostConcurrency(), settings.schedule().perHostGap()), pool, clock,
        settings.schedule().backoffBase());
    this.registry = new FeedRegistry(this.states, dispatcher, clock);
    this.publisher = new RecordPublisher(producer, settings.rawTopic(), settings.statusTopic(), this.states, metrics, maxConcurrent);
    if (kafkaStates != null) {
      kafkaStates.onFatal(this::fatal);
    }
    if (settings.managedFeeds()) {
      if (clientProperties == null) {
        throw new IllegalArgumentException("a managed feed list needs a Kafka connection");
      }
      this.managed = new ManagedFeedList(settings.configTopic(), settings.groupId(), clientProperties, new Listener(), this::fatal);
    } else {
      this.managed = null;
      settings.feeds().forEach(registry::upsert);
    }
    metrics.feeds(this::feedCounts);
    metrics.bytesInFlight(poll::bytesInFlight);
    if (meters != null) {
      clientMetrics.add(bind(new KafkaClientMetrics(producer), meters));
      if (managed != null) {
        clientMetrics.add(bind(new KafkaClientMetrics(managed.consumer()), meters));
      }
      if (kafkaStates != null) {
        clientMetrics.add(bind(new KafkaClientMetrics(kafkaStates.consumer()), meters));
      }
    }
  }

  private static FeedPoll defaultPoll(ProducerSettings settings, Clock clock, ProducerMetrics metrics) {
    PollScheduler scheduler = new PollScheduler(settings.schedule(), () -> ThreadLocalRandom.current().nextDouble());
    return new FeedPoll(new FeedFetcher(settings.fetch()), new FeedParser(), new EntryMapper(settings.fieldLimits()), scheduler,
        settings.maxEntriesPerFetch(), clock, metrics);
  }

  private static KafkaClientMetrics bind(KafkaClientMetrics binder, MeterRegistry meters) {
    binder.bindTo(meters);
    return binder;
  }

  /** A feed due for longer than this counts as overdue: it waits for a thread or its host's turn. */
  static final Duration OVERDUE_AFTER = Duration.ofMinutes(1);

  private ProducerMetrics.FeedCounts feedCounts() {
    PollDispatcher.DueCounts due = dispatcher.dueCounts(registry, clock.instant().minus(OVERDUE_AFTER));
    return new ProducerMetrics.FeedCounts(registry.ids().size(), due.due(), due.overdue());
  }

  private static Map<String, Object> consumerProperties(Map<String, Object> kafkaProperties) {
    Map<String, Object> props = new HashMap<>();
    // Only the connection and security settings: producer tuning does not apply to consumers.
    kafkaProperties.forEach((k, v) -> {
      if (ConsumerConfig.configNames().contains(k)) {
        props.put(k, v);
      }
    });
    return props;
  }

  /** Starts following the state topic and the feed list (once); seeds an empty feed list. */
  private void start() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    if (kafkaStates != null) {
      kafkaStates.start();
      if (!kafkaStates.awaitCaughtUp(LOAD_TIMEOUT)) {
        log.warn("feed state in {} not read within {}; feeds without it are fetched in full", settings.stateTopic(), LOAD_TIMEOUT);
      }
    }
    if (managed != null) {
      FeedListSeeder.seedIfEmpty(settings.configTopic(), settings.feeds(), clientProperties, producer, clock);
      managed.start();
    }
  }

  /** The ids of the feeds this instance polls now. */
  public Set<String> feedIds() {
    return registry.ids();
  }

  /**
   * Polls every feed of this instance once (now, whatever their schedule), sends its posts and its
   * status, and waits until Kafka has acknowledged every record. With a managed list, first waits
   * until this instance has its share.
   *
   * @throws RecordsNotSentException when any record was not acknowledged; it names the topic and
   *     key of the first
   */
  public PollSummary pollAllOnce() {
    start();
    throwIfFailed();
    if (managed != null) {
      try {
        if (!awaitFeedList()) {
          log.warn("the feed list {} was not read within {}: polling the feeds known so far", settings.configTopic(), LOAD_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading the feed list", e);
      }
    }
    List<RecordPublisher.Publication> round = Collections.synchronizedList(new ArrayList<>());
    dispatcher.runOnce(registry, (feed, fetchDone) -> {
      try {
        round.add(publisher.publish(feed.id(), poll.poll(feed, states.get(feed.id(), feed.url().toString()), false)));
      } catch (RuntimeException e) {
        // As in the scheduled loop: one feed failing unexpectedly must not cost the round its other
        // feeds (their acknowledgements and saved states); its state stays, so it is polled again.
        log.error("feed {}: poll failed unexpectedly: {}", feed.id(), e.toString(), e);
      } finally {
        SourceChars.release(); // the posts are serialized: their texts' arrays are not needed any more
      }
      return null; // acknowledgements are awaited for the whole round at once
    });
    PollSummary summary = publisher.settleRound(round);
    throwIfFailed();
    return summary;
  }

  /** Waits for this instance's share of the feed list; gives up at once when the reader died. */
  private boolean awaitFeedList() throws InterruptedException {
    long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      throwIfFailed();
      if (managed.awaitLoaded(Duration.ofMillis(250))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Completes exceptionally with a {@link CriticalThreadException} naming the thread when one the
   * producer cannot work without dies (feed-list reader, state reader, dispatcher, or a poll thread
   * hit by an Error); the producer then stops. Never completes normally.
   */
  public CompletableFuture<Void> failure() {
    return failure.copy();
  }

  /**
   * Why this producer is not doing its work now, if it is not: a critical thread died (see {@link
   * #deadThread()}), it has not started, the feed state ({@code feeds.state}) is not read yet, or its
   * share of the managed feed list is not assigned and read yet. Empty when it polls its feeds.
   */
  public Optional<String> notReady() {
    Optional<String> dead = deadThread();
    if (dead.isPresent()) {
      return dead;
    }
    if (!started.get()) {
      return Optional.of("the producer has not started");
    }
    if (kafkaStates != null && !kafkaStates.caughtUp()) {
      return Optional.of("the feed state in " + settings.stateTopic() + " is not read yet");
    }
    if (managed != null && !managed.loaded()) {
      return Optional.of("this instance's partitions of the feed list " + settings.configTopic() + " are not assigned and read yet");
    }
    return Optional.empty();
  }

  /** The critical thread that died and why, once one has (the producer then stops; see {@link #failure()}). */
  public Optional<String> deadThread() {
    if (!failure.isCompletedExceptionally()) {
      return Optional.empty();
    }
    return Optional.of(failure.handle((ok, e) -> e instanceof CompletionException && e.getCause() != null ? e.getCause() : e).join().getMessage());
  }

  /** A critical thread died: logged, recorded, and the run loop ends with it instead of idling. */
  private void fatal(String thread, Throwable cause) {
    log.error("thread {} died: {}; the producer stops", thread, cause.toString(), cause);
    failure.completeExceptionally(new CriticalThreadException(thread, cause));
    stop();
  }

  private void throwIfFailed() {
    if (failure.isCompletedExceptionally()) {
      try {
        failure.join();
      } catch (CompletionException e) {
        throw (CriticalThreadException) e.getCause();
      }
    }
  }

  /**
   * Polls every feed when it is due until {@link #stop()} is called. A feed whose records Kafka
   * does not acknowledge keeps its old state (it is fetched in full next time) and is polled again
   * on schedule.
   *
   * @throws CriticalThreadException when a thread the producer cannot work without died; see {@link #failure()}
   */
  public void runUntilStopped() {
    try {
      start();
      dispatcher.runUntilStopped(registry, this::pollScheduled);
    } catch (Throwable e) { // the dispatcher itself: Errors too, so the caller learns it rather than a quiet return
      fatal("dispatcher (" + Thread.currentThread().getName() + ")", e);
    }
    throwIfFailed();
  }

  /** A planned poll: fetch and send, free the host, await the acknowledgements, save the state. Returns the next poll time. */
  private Instant pollScheduled(FeedSource feed, Runnable fetchDone) {
    try {
      PollResult result;
      try {
        result = poll.poll(feed, states.get(feed.id(), feed.url().toString()), true);
      } finally {
        fetchDone.run(); // the fetch is over; sending and acknowledgements need no host slot
      }
      RecordPublisher.Publication publication;
      try {
        publication = publisher.publish(feed.id(), result);
      } finally {
        SourceChars.release(); // the posts are serialized: their texts' arrays are not needed any more
      }
      publisher.settle(publication);
      return publication.result().nextState().nextPollAt();
    } catch (RuntimeException e) {
      log.error("feed {}: poll failed unexpectedly: {}", feed.id(), e.toString(), e);
    } catch (Error e) { // out of memory, a linkage error…: the pool would swallow it into a Future nobody reads
      fatal(Thread.currentThread().getName(), e);
    }
    return null;
  }

  /** Reacts to the managed feed list. */
  private final class Listener implements ManagedFeedList.Listener {
    @Override
    public void assigning() {
      // Another instance may just have polled the feeds we get: read its state first, so they are
      // polled on schedule rather than again at once.
      if (kafkaStates != null && !kafkaStates.awaitCaughtUp(Duration.ofSeconds(30))) {
        log.warn("feed state not caught up within 30 s; newly assigned feeds may be polled early");
      }
    }

    @Override
    public void upserted(FeedSource feed) {
      registry.upsert(feed);
    }

    @Override
    public void deleted(String feedId) {
      registry.drop(List.of(feedId), dropTimeout());
      states.remove(feedId);
      log.info("feed {} removed from the feed list", feedId);
    }

    @Override
    public void revoked(Collection<String> feedIds) {
      registry.drop(feedIds, dropTimeout());
      producer.flush(); // their last states are in feeds.state before the new owner reads it
    }

    /** Polls in flight end within the fetch timeout, plus a margin for their acknowledgements. */
    private Duration dropTimeout() {
      return settings.fetchTimeout().plusSeconds(10);
    }
  }

  /** Ends {@link #runUntilStopped()}. */
  public void stop() {
    dispatcher.stop();
  }

  /** Stops, hands this instance's feeds back to the group, lets polls in flight finish, and closes the Kafka clients. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // closing twice is harmless
    }
    stop();
    if (managed != null) {
      managed.close();
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(settings.fetchTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (kafkaStates != null) {
      kafkaStates.close();
    }
    clientMetrics.forEach(KafkaClientMetrics::close);
    try {
      producer.close(CLOSE_TIMEOUT); // answers every post: the statuses those wait for are handed to the publisher first
    } finally {
      try {
        publisher.close();
      } finally {
        poll.close();
      }
    }
  }
}

package io.feedpipe.producer.kafka;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.FeedFetcher;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.poll.FeedPoll;
import io.feedpipe.producer.poll.PollResult;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.producer.schedule.HostGate;
import io.feedpipe.producer.schedule.PollScheduler;
import io.feedpipe.producer.state.FeedRecords;
import io.feedpipe.producer.state.FeedStateStore;
import io.feedpipe.producer.state.InMemoryFeedStateStore;
import io.feedpipe.schemas.FeedConfig;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.FetchedPost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls feeds and writes every entry to the raw topic (keyed by post id) and one status per fetch to
 * the status topic (keyed by feed id), through one idempotent {@code acks=all} Kafka producer.
 *
 * <p>The feeds are either a static list (configuration, {@code --feed}) or this instance's share of
 * the managed list in {@code feeds.config} ({@link ManagedFeedList}: a consumer group spreads the
 * feeds over the instances). Each feed is polled when the {@link PollScheduler} says it is due; a
 * dispatcher starts due polls on a pool of {@code max-concurrent-fetches} threads, no more than
 * {@code per-host-concurrency} at a time per host and {@code per-host-gap} apart ({@link
 * HostGate}). A feed's state (validators, error streak, next poll) is saved — to {@code
 * feeds.state} when configured — only once all its records are acknowledged.
 *
 * <p>A record is the unit of failure: a post Kafka refuses for itself alone (too large for the
 * topic, unserializable; see {@link RecordRefusal}) is named in the feed's status (error and a
 * note per entry) and does not hold the feed back — its other posts are written and its state
 * advances, since a refetch would be refused again. An error every record shares (broker gone,
 * timeouts) keeps the feed's state, so it is fetched in full next time.
 *
 * <p>Run once with {@link #pollAllOnce()}, or continuously with {@link #runUntilStopped()} until
 * {@link #stop()}.
 */
public final class FeedProducer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedProducer.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(90);
  private static final int MAX_REFUSED_NOTES = 20;

  private final ProducerSettings settings;
  private final Producer<String, SpecificRecordBase> producer;
  private final FeedPoll poll;
  private final FeedStateStore states;
  private final KafkaFeedStateStore kafkaStates;
  private final ManagedFeedList managed;
  private final Map<String, Object> clientProperties;
  private final Clock clock;
  private final HostGate gate;
  private final ExecutorService pool;

  private final CompletableFuture<Void> failure = new CompletableFuture<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock:
  private final Map<String, FeedSource> feeds = new HashMap<>();
  private final Map<String, Long> generations = new HashMap<>();
  private final PriorityQueue<Due> due = new PriorityQueue<>();
  private final Set<String> inFlight = new HashSet<>();
  private long generation;
  private boolean started;
  private volatile boolean stopped;
  private boolean closed;

  /**
   * @param kafkaProperties Kafka client settings; at least {@code bootstrap.servers}. Safety
   *     settings feedpipe fixes may be repeated but not contradicted (see {@link KafkaProducerConfig})
   * @throws IllegalArgumentException naming the Kafka setting at fault
   */
  public FeedProducer(ProducerSettings settings, Map<String, Object> kafkaProperties) {
    this(settings, new KafkaProducer<>(KafkaProducerConfig.build(kafkaProperties), new StringSerializer(), new RecordSerializer()),
        kafkaProperties, Clock.systemUTC());
  }

  private FeedProducer(ProducerSettings settings, Producer<String, SpecificRecordBase> producer, Map<String, Object> kafkaProperties,
      Clock clock) {
    this(settings, producer, defaultPoll(settings, clock),
        settings.stateTopic() == null ? null : new KafkaFeedStateStore(settings.stateTopic(), consumerProperties(kafkaProperties), producer),
        kafkaProperties, clock);
  }

  /** For tests: any producer (e.g. a MockProducer), poll and store; a static feed list. */
  FeedProducer(ProducerSettings settings, Producer<String, SpecificRecordBase> producer, FeedPoll poll, FeedStateStore states, Clock clock) {
    this(settings, producer, poll, states, null, clock);
  }

  private FeedProducer(ProducerSettings settings, Producer<String, SpecificRecordBase> producer, FeedPoll poll, FeedStateStore states,
      Map<String, Object> kafkaProperties, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.poll = Objects.requireNonNull(poll, "poll");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.kafkaStates = states instanceof KafkaFeedStateStore k ? k : null;
    this.states = states != null ? states : new InMemoryFeedStateStore();
    this.clientProperties = kafkaProperties == null ? null : consumerProperties(kafkaProperties);
    this.gate = new HostGate(settings.schedule().perHostConcurrency(), settings.schedule().perHostGap());
    this.pool = Executors.newFixedThreadPool(settings.schedule().maxConcurrentFetches(), pollThreads());
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
      settings.feeds().forEach(this::upsert);
    }
  }

  private static FeedPoll defaultPoll(ProducerSettings settings, Clock clock) {
    PollScheduler scheduler = new PollScheduler(settings.schedule(), () -> ThreadLocalRandom.current().nextDouble());
    return new FeedPoll(new FeedFetcher(settings.fetch()), new FeedParser(), new EntryMapper(settings.fieldLimits()), scheduler, settings.maxEntriesPerFetch(), clock);
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
    lock.lock();
    try {
      if (started) {
        return;
      }
      started = true;
    } finally {
      lock.unlock();
    }
    if (kafkaStates != null) {
      kafkaStates.start();
      if (!kafkaStates.awaitCaughtUp(LOAD_TIMEOUT)) {
        log.warn("feed state in {} not read within {}; feeds without it are fetched in full", settings.stateTopic(), LOAD_TIMEOUT);
      }
    }
    if (managed != null) {
      seedFeedList();
      managed.start();
    }
  }

  /** The configured feeds become the managed list on first start, when {@code feeds.config} is empty. */
  private void seedFeedList() {
    if (settings.feeds().isEmpty()) {
      return;
    }
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new org.apache.kafka.common.serialization.StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(settings.configTopic(), Duration.ofSeconds(60)).stream()
          .map(p -> new TopicPartition(settings.configTopic(), p.partition())).toList();
      boolean empty = consumer.endOffsets(partitions).values().stream().allMatch(offset -> offset == 0);
      if (!empty) {
        return;
      }
    }
    Instant now = clock.instant();
    for (FeedSource feed : settings.feeds()) {
      FeedConfig config = FeedRecords.toConfig(feed, List.of(), null, now);
      producer.send(new ProducerRecord<>(settings.configTopic(), feed.id(), config));
    }
    producer.flush();
    log.info("feed list {} was empty: wrote the {} configured feed(s) to it", settings.configTopic(), settings.feeds().size());
  }

  /** The ids of the feeds this instance polls now. */
  public Set<String> feedIds() {
    lock.lock();
    try {
      return Set.copyOf(new TreeSet<>(feeds.keySet()));
    } finally {
      lock.unlock();
    }
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
    List<FeedSource> round;
    lock.lock();
    try {
      round = List.copyOf(feeds.values());
    } finally {
      lock.unlock();
    }
    PollSummary summary = round(round);
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
      } catch (java.util.concurrent.CompletionException e) {
        throw (CriticalThreadException) e.getCause();
      }
    }
  }

  private PollSummary round(List<FeedSource> round) {
    Deque<FeedSource> pending = new ArrayDeque<>(round);
    List<Future<FeedSends>> polls = new ArrayList<>();
    lock.lock();
    try {
      while (!pending.isEmpty()) {
        Instant now = clock.instant();
        Instant wake = null;
        for (Iterator<FeedSource> it = pending.iterator(); it.hasNext() && inFlight.size() < settings.schedule().maxConcurrentFetches(); ) {
          FeedSource feed = it.next();
          if (inFlight.contains(feed.id())) {
            continue;
          }
          Instant retry = gate.tryAcquire(hostOf(feed), now);
          if (retry == null) {
            it.remove();
            inFlight.add(feed.id());
            polls.add(pool.submit(() -> pollAndRelease(feed, false)));
          } else if (wake == null || retry.isBefore(wake)) {
            wake = retry;
          }
        }
        if (!pending.isEmpty()) {
          long waitMs = wake == null ? 100 : Math.max(1, Math.min(100, Duration.between(now, wake).toMillis()));
          changed.await(waitMs, TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling feeds", e);
    } finally {
      lock.unlock();
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
        postsSent += feed.postCount();
        states.put(status.getFeedId(), feed.result().nextState());
      }
      failures.addAll(feedFailures);
      logFeed(status, feedFailures.size());
    }
    if (kafkaStates != null) {
      producer.flush(); // the state records
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

  /** Polls and sends (acknowledgements not awaited), then frees the feed's host and pool slot. */
  private FeedSends pollAndRelease(FeedSource feed, boolean planned) {
    try {
      return pollAndSend(feed, planned);
    } finally {
      lock.lock();
      try {
        gate.release(hostOf(feed));
        inFlight.remove(feed.id());
        changed.signalAll();
      } finally {
        lock.unlock();
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
      dispatch();
    } catch (Throwable e) { // the dispatcher itself: Errors too, so the caller learns it rather than a quiet return
      fatal("dispatcher (" + Thread.currentThread().getName() + ")", e);
    }
    throwIfFailed();
  }

  private void dispatch() {
    start();
    lock.lock();
    try {
      while (!stopped) {
        Instant now = clock.instant();
        Due next = due.peek();
        if (next == null) {
          changed.await(1, TimeUnit.SECONDS);
          continue;
        }
        if (next.at().isAfter(now)) {
          changed.await(Math.max(1, Math.min(1000, Duration.between(now, next.at()).toMillis())), TimeUnit.MILLISECONDS);
          continue;
        }
        due.poll();
        FeedSource feed = feeds.get(next.feedId());
        if (feed == null || !Objects.equals(generations.get(next.feedId()), next.generation()) || inFlight.contains(next.feedId())) {
          continue; // removed, replaced by a newer entry, or still running (it reschedules itself)
        }
        if (inFlight.size() >= settings.schedule().maxConcurrentFetches()) {
          due.add(next);
          changed.await(100, TimeUnit.MILLISECONDS); // signalled when a poll ends
          continue;
        }
        Instant retry = gate.tryAcquire(hostOf(feed), now);
        if (retry != null) {
          due.add(new Due(retry, next.feedId(), next.generation()));
          continue;
        }
        inFlight.add(feed.id());
        long gen = next.generation();
        pool.submit(() -> runScheduled(feed, gen));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  private void runScheduled(FeedSource feed, long gen) {
    Instant nextPollAt = null;
    FeedSends sends = null;
    try {
      try {
        sends = pollAndSend(feed, true);
      } finally {
        lock.lock();
        try {
          gate.release(hostOf(feed)); // the fetch is over; acknowledgements need no host slot
        } finally {
          lock.unlock();
        }
      }
      List<FailedSend> failures = sends.awaitAcks();
      FeedPollState next = sends.result().nextState();
      nextPollAt = next.nextPollAt();
      if (failures.isEmpty()) {
        states.put(feed.id(), next);
      } else {
        log.error("feed {}: {} record(s) not acknowledged by Kafka (first: {}); its state is kept, so it is fetched in full next time",
            feed.id(), failures.size(), failures.get(0).error().toString());
      }
      logFeed(sends.result().status(), failures.size());
    } catch (RuntimeException e) {
      log.error("feed {}: poll failed unexpectedly: {}", feed.id(), e.toString(), e);
    } catch (Error e) { // out of memory, a linkage error…: the pool would swallow it into a Future nobody reads
      fatal(Thread.currentThread().getName(), e);
    } finally {
      lock.lock();
      try {
        inFlight.remove(feed.id());
        if (feeds.containsKey(feed.id()) && Objects.equals(generations.get(feed.id()), gen)) {
          Instant at = nextPollAt != null ? nextPollAt : clock.instant().plus(settings.schedule().backoffBase());
          due.add(new Due(at, feed.id(), gen));
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Adds or replaces a feed; it is due when its saved state says, or at once. */
  private void upsert(FeedSource feed) {
    FeedPollState state = states.get(feed.id(), feed.url().toString());
    lock.lock();
    try {
      FeedSource old = feeds.put(feed.id(), feed);
      if (feed.equals(old)) {
        return;
      }
      long gen = ++generation;
      generations.put(feed.id(), gen);
      Instant now = clock.instant();
      Instant at = state.nextPollAt() == null || state.nextPollAt().isBefore(now) ? now : state.nextPollAt();
      due.add(new Due(at, feed.id(), gen));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops polling the feeds; returns once their polls in flight have ended (bounded by the fetch timeout). */
  private void drop(Collection<String> feedIds) {
    long deadline = System.nanoTime() + settings.fetchTimeout().plusSeconds(10).toNanos();
    lock.lock();
    try {
      for (String id : feedIds) {
        feeds.remove(id);
        generations.remove(id);
      }
      changed.signalAll();
      while (feedIds.stream().anyMatch(inFlight::contains) && System.nanoTime() < deadline) {
        changed.await(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
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
      upsert(feed);
    }

    @Override
    public void deleted(String feedId) {
      drop(List.of(feedId));
      states.remove(feedId);
      log.info("feed {} removed from the feed list", feedId);
    }

    @Override
    public void revoked(Collection<String> feedIds) {
      drop(feedIds);
      producer.flush(); // their last states are in feeds.state before the new owner reads it
    }
  }

  /** Ends {@link #runUntilStopped()}. */
  public void stop() {
    stopped = true;
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops, hands this instance's feeds back to the group, lets polls in flight finish, and closes the Kafka clients. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return; // closing twice is harmless
      }
      closed = true;
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
    producer.close(CLOSE_TIMEOUT);
  }

  private FeedSends pollAndSend(FeedSource feed, boolean planned) {
    PollResult result = poll.poll(feed, states.get(feed.id(), feed.url().toString()), planned);
    List<Send> posts = new ArrayList<>(result.posts().size());
    for (FetchedPost post : result.posts()) {
      posts.add(send(settings.rawTopic(), post.getPostId(), post));
    }
    List<Send> sends = new ArrayList<>(posts.size() + 1);
    List<FailedSend> refused = new ArrayList<>();
    if (!posts.isEmpty()) {
      // The posts are acknowledged (or refused) before the status is written, so the status can
      // name an entry Kafka refused (e.g. too large for the topic) instead of claiming FETCHED.
      producer.flush();
      for (Send post : posts) {
        Throwable error = post.failure();
        if (error != null && RecordRefusal.concernsOnlyThisRecord(error)) {
          refused.add(new FailedSend(post.topic(), post.key(), error));
        } else {
          sends.add(post); // acknowledged, or failed for a reason every record shares: counted below
        }
      }
      if (!refused.isEmpty()) {
        reportRefused(result.status(), refused, posts.size());
      }
    }
    // The status goes last: a reader that sees it can expect the posts to be there already.
    sends.add(send(settings.statusTopic(), feed.id(), result.status()));
    // The posts are serialized by now: keep only their count, so a round over many feeds does not
    // hold every post until its end.
    return new FeedSends(new PollResult(List.of(), result.status(), result.nextState()), posts.size() - refused.size(), sends);
  }

  /**
   * Names the refused entries in the status (error and one note each, at most {@link
   * #MAX_REFUSED_NOTES}). The feed still advances: those entries would be refused on every refetch.
   */
  private void reportRefused(FeedStatus status, List<FailedSend> refused, int posts) {
    FailedSend first = refused.get(0);
    status.setError("feed " + status.getFeedId() + ": " + refused.size() + " of " + posts + " entries not written to " + first.topic()
        + " (first: " + first.key() + ": " + RecordRefusal.describe(first.error()) + ")");
    List<String> notes = new ArrayList<>(status.getNotes());
    for (FailedSend failed : refused.subList(0, Math.min(refused.size(), MAX_REFUSED_NOTES))) {
      notes.add("entry " + failed.key() + " not written: " + RecordRefusal.describe(failed.error()));
      log.error("feed {}: entry {} not written to {}: {}", status.getFeedId(), failed.key(), failed.topic(),
          RecordRefusal.describe(failed.error()));
    }
    if (refused.size() > MAX_REFUSED_NOTES) {
      notes.add("and " + (refused.size() - MAX_REFUSED_NOTES) + " more entries not written");
    }
    status.setNotes(notes);
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

  /** The politeness key: the host; a file is its own "host" (no gap between reading two files). */
  private static String hostOf(FeedSource feed) {
    String host = feed.url().getHost();
    return host == null ? feed.url().toString() : host;
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
    String next = status.getNextPollAt() == null ? "" : " next=" + status.getNextPollAt();
    String streak = status.getErrorStreak() == 0 ? "" : " streak=" + status.getErrorStreak();
    String notes = status.getNotes().isEmpty() ? "" : " notes=" + status.getNotes();
    switch (status.getOutcome()) {
      case FETCHED -> log.info("feed {} FETCHED items={} {}ms{}{}{}", status.getFeedId(), status.getItemCount(), status.getDurationMs(),
          next, notes, notSent);
      case NOT_MODIFIED -> log.debug("feed {} NOT_MODIFIED {}ms{}{}", status.getFeedId(), status.getDurationMs(), next, notSent);
      default -> log.warn("feed {} {}{}{}{}{}", status.getFeedId(), status.getOutcome(), streak, next, error, notSent);
    }
  }

  private static ThreadFactory pollThreads() {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "feedpipe-poll-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A feed due at a time; entries of an older generation of the feed are stale and skipped. */
  private record Due(Instant at, String feedId, long generation) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(generation, o.generation);
    }
  }

  private record Send(String topic, String key, Future<RecordMetadata> ack) {
    /** The error of a completed send; null when it was acknowledged. */
    Throwable failure() {
      try {
        ack.get();
        return null;
      } catch (ExecutionException e) {
        return e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return e;
      }
    }
  }

  private record FailedSend(String topic, String key, Throwable error) {}

  /** One feed's poll and the sends of its records. */
  private record FeedSends(PollResult result, int postCount, List<Send> sends) {
    /** Call after flush(): every ack is then complete. */
    List<FailedSend> failures() {
      return awaitAcks();
    }

    /** Waits for every acknowledgement; returns the sends that failed. */
    List<FailedSend> awaitAcks() {
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

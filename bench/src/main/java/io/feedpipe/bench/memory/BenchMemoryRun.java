package io.feedpipe.bench.memory;

import io.feedpipe.bench.support.BenchSettings;
import io.feedpipe.bench.support.BenchSetupException;
import io.feedpipe.bench.support.TempDirectories;
import io.feedpipe.broker.BrokerConfig;
import io.feedpipe.broker.EmbeddedKafkaBroker;
import io.feedpipe.ops.lag.CatchUp;
import io.feedpipe.producer.kafka.KafkaProducerConfig;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import io.feedpipe.schemas.topics.TopicCreator;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.enrich.LanguageDetector;
import io.feedpipe.streams.topology.BoundedRocksDbMemory;
import io.feedpipe.streams.topology.DedupeSweep;
import io.feedpipe.streams.topology.FeedpipeTopology;
import io.feedpipe.streams.topology.PostRevisions;
import io.feedpipe.streams.topology.StreamsProperties;
import io.feedpipe.streams.topology.StreamsSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code bench-memory} run: writes {@code posts} distinct synthetic posts to posts.raw, then runs
 * the real feedpipe topology ({@link FeedpipeTopology#build}, {@link StreamsProperties}, exactly-once)
 * over them in this JVM on a {@link SimulatedClock} that follows the posts' fetch times, sampling
 * the dedupe store on disk and the heap, and finally checks what the store remembers against the
 * retention. Returns what it measured; the caller judges it against the {@link MemoryBounds}.
 */
public final class BenchMemoryRun {
  private static final Logger log = LoggerFactory.getLogger(BenchMemoryRun.class);

  static final String STORE = FeedpipeTopology.DEDUPE_STORE;
  private static final Duration CLOCK_STEP = Duration.ofMillis(100);

  /**
   * @param posts distinct posts to write
   * @param retention the dedupe retention (streams.dedupe-retention) of the run
   * @param span simulated time over which the posts were fetched
   * @param feeds feeds the posts are spread over
   * @param postSize approximate HTML bytes per post
   * @param seed makes the posts reproducible
   * @param sampleInterval how often the store and heap are measured
   * @param progressInterval how often a progress line is printed
   * @param fullGcInterval how often a full GC is forced to measure the live heap (zero: only at the end)
   * @param timeout how long processing may take
   * @param workParent where the temporary work directory is created; empty: the system's temporary directory
   * @param keepData keep the work directory (store files, broker data) for inspection
   * @param settings from feedpipe's configuration: the cluster (empty: an embedded broker in the work
   *     directory), Kafka properties, and the Streams settings (routes, topics, threads)
   */
  public record Options(long posts, Duration retention, Duration span, int feeds, int postSize, long seed, Duration sampleInterval,
      Duration progressInterval, Duration fullGcInterval, Duration timeout, Optional<Path> workParent,
      boolean keepData, BenchSettings settings) {}

  /** What a run produced: its bounds and its measurements. */
  public record Result(MemoryBounds bounds, RunSummary summary, Options options, int partitions) {}

  private final Options options;
  private final PrintWriter err;

  public BenchMemoryRun(Options options, PrintWriter err) {
    this.options = options;
    this.err = err;
  }

  public Result run() throws Exception {
    Options o = options;
    StreamsSettings configured = o.settings().streams();
    Duration topicRetention = configured.topics().retention();
    if (o.span().compareTo(topicRetention) >= 0) {
      throw new BenchSetupException("--simulated-span " + Report.duration(o.span()) + " must be shorter than topics.retention "
          + Report.duration(topicRetention) + ": the broker would delete the oldest posts before they are processed");
    }
    Path work = o.workParent().isPresent() ? Files.createTempDirectory(o.workParent().get(), "feedpipe-bench-memory-")
        : Files.createTempDirectory("feedpipe-bench-memory-");
    String applicationId = "feedpipe-bench-memory-" + System.currentTimeMillis();
    // Its own topics.prefix (<application id>.): it runs next to a pipeline on the same cluster.
    StreamsSettings settings = configured.with(applicationId, o.retention(), configured.threads())
        .withStateDir(work.resolve("streams")).withTopics(configured.topics().withPrefix(applicationId + "."));
    Path storeDir = settings.stateDir().resolve(applicationId);
    Timeline timeline = Timeline.endingAt(Instant.now(), o.span(), o.posts());
    SyntheticPosts posts = new SyntheticPosts(o.seed(), o.feeds(), o.postSize(), timeline);

    EmbeddedKafkaBroker broker = null;
    List<String> createdTopics = new ArrayList<>();
    try (HeapWatch heap = new HeapWatch()) {
      String servers;
      if (o.settings().bootstrapServers().isPresent()) {
        servers = o.settings().bootstrapServers().get();
      } else {
        broker = EmbeddedKafkaBroker.start(new BrokerConfig("127.0.0.1", 0, work.resolve("kafka"), Map.of()));
        servers = broker.bootstrapServers();
      }
      Map<String, Object> client = o.settings().clientProperties(servers);
      try (Admin admin = Admin.create(client)) {
        createTopics(admin, settings, createdTopics);
        int partitions = configured.topics().partitions();

        StoreEntrySize sizes = StoreEntrySize.sample(posts, 300, PostRevisions.of(settings));
        err.printf("bench-memory: %,d distinct posts of ~%,d B HTML (%,.0f B in posts.raw) over %d feeds, fetched over %s simulated "
                + "(%,.0f new ids/h); retention %s, swept every %s; Kafka %s; %d partitions; -Xmx %s; work dir %s%n",
            o.posts(), o.postSize(), sizes.rawRecordBytes(), o.feeds(), Report.duration(o.span()), timeline.postsPerHour(),
            Report.duration(o.retention()), Report.duration(DedupeSweep.interval(o.retention())),
            o.settings().bootstrapServers().isPresent() ? servers : "embedded (" + servers + ")", partitions, Report.bytes(HeapWatch.maxHeap()), work);
        err.flush();

        Duration writeTime = write(posts, client, settings.topics().raw());

        // What the JVM holds before Kafka Streams starts: the broker (if embedded), the language
        // profiles (loaded once per JVM, shared by the topology), this command.
        LanguageDetector.shared();
        long baseline = heap.fullGc();
        if (baseline < 0) {
          throw new IllegalStateException("the JVM performed no full GC on System.gc(): is -XX:+DisableExplicitGC or "
              + "-XX:+ExplicitGCInvokesConcurrent set? bench-memory measures the live heap with full GCs");
        }
        heap.reset();
        MemoryBounds bounds = MemoryBounds.derive(new MemoryBounds.Workload(o.posts(), o.span(), o.retention(), DedupeSweep.interval(o.retention()),
            partitions, settings.threads(), sizes.keyBytes(), sizes.valueBytes(), sizes.rawRecordBytes()), baseline);
        bounds.derivation().forEach(line -> err.println("bound: " + line));
        err.flush();

        RunSummary summary = process(settings, servers, storeDir, timeline, admin, heap, writeTime, bounds);
        return new Result(bounds, summary, o, partitions);
      } finally {
        if (o.settings().bootstrapServers().isPresent() && !createdTopics.isEmpty()) {
          deleteTopics(client, applicationId, createdTopics);
        }
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
      if (o.keepData()) {
        err.println("bench-memory: work directory kept: " + work);
      } else {
        TempDirectories.deleteQuietly(work);
      }
    }
  }

  private void createTopics(Admin admin, StreamsSettings settings, List<String> created) throws Exception {
    created.addAll(new TopicCreator(admin).ensure(settings.allTopics()));
  }

  private Duration write(SyntheticPosts posts, Map<String, Object> client, String rawTopic) throws InterruptedException {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "feedpipe-bench-memory");
    // One request in flight per partition: a first batch to a just-created partition was once seen
    // refused as out of order after a retry (docs/benchmarks-and-faults.md); throughput is ample anyway.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    AtomicLong failed = new AtomicLong();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    long start = System.nanoTime();
    long lastLine = start;
    try (KafkaProducer<String, FetchedPost> producer = new KafkaProducer<>(KafkaProducerConfig.build(props), new StringSerializer(),
        AvroSerdes.serializer(FetchedPost.class))) {
      for (long i = 0; i < posts.count(); i++) {
        FetchedPost post = posts.post(i);
        producer.send(new ProducerRecord<>(rawTopic, null, post.getFetchedAt().toEpochMilli(), post.getPostId(), post),
            (metadata, e) -> {
              if (e != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e);
              }
            });
        if (System.nanoTime() - lastLine > options.progressInterval().toNanos()) {
          lastLine = System.nanoTime();
          err.printf("writing posts.raw: %,d/%,d%n", i, posts.count());
          err.flush();
        }
      }
      producer.flush();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " posts could not be written to posts.raw", firstFailure.get());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    err.printf("wrote %,d posts to posts.raw in %s%n", posts.count(), Report.duration(took));
    err.flush();
    return took;
  }

  private RunSummary process(StreamsSettings settings, String servers, Path storeDir, Timeline timeline, Admin admin, HeapWatch heap,
      Duration writeTime, MemoryBounds bounds) throws Exception {
    Map<String, String> overrides = new HashMap<>(stringMap(options.settings().kafkaProperties()));
    // Kafka Streams reads its task timeout on the simulated clock, which runs hundreds of times faster
    // than real time here: the default 5 minutes would be a second. Nothing else it changes.
    overrides.putIfAbsent(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, Long.toString(Duration.ofDays(30).toMillis()));
    Properties props = StreamsProperties.of(settings, servers, overrides);
    SimulatedClock clock = new SimulatedClock(timeline.start().toEpochMilli());
    SweepCount sweeps = new SweepCount();
    KafkaStreams streams = new KafkaStreams(FeedpipeTopology.build(settings, sweeps), props, clock);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("stream thread failed, replacing it: {}", e.toString(), e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });

    long posts = timeline.posts();
    AtomicLong processed = new AtomicLong();
    Thread driver = new Thread(() -> {
      // The clock follows the work done: once n posts are processed, it is the time the n-th was fetched.
      while (!Thread.currentThread().isInterrupted()) {
        long n = Math.max(processed.get(), (long) metricSum(streams, "stream-thread-metrics", "process-total", null));
        processed.accumulateAndGet(n, Math::max);
        clock.advanceTo(timeline.timeAfter(processed.get()));
        try {
          Thread.sleep(CLOCK_STEP.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-memory-clock");
    driver.setDaemon(true);

    SampleStats stats = new SampleStats();
    long start = System.nanoTime();
    streams.start();
    driver.start();
    long committed = 0;
    try {
      long lastProgress = System.nanoTime();
      long lastFullGc = System.nanoTime();
      long deadline = start + options.timeout().toNanos();
      while (committed < posts) {
        Thread.sleep(options.sampleInterval().toMillis());
        if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
          throw new IllegalStateException("Kafka Streams stopped (" + streams.state() + ") after " + committed + " posts; see the log above");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not done within --timeout " + Report.duration(options.timeout()) + ": " + committed + " of "
              + posts + " posts committed");
        }
        committed = Math.max(0, posts - lag(admin, settings.applicationId(), settings.topics().raw()));
        processed.accumulateAndGet(committed, Math::max);
        boolean fullGc = !options.fullGcInterval().isZero() && System.nanoTime() - lastFullGc >= options.fullGcInterval().toNanos();
        long heapNow = fullGc ? heap.fullGc() : -1;
        if (fullGc) {
          lastFullGc = System.nanoTime();
        }
        if (heapNow < 0) {
          heapNow = heap.used();
        }
        boolean progress = System.nanoTime() - lastProgress >= options.progressInterval().toNanos() || committed >= posts;
        // Counting reads the whole store, so only for the progress lines; RocksDB's estimate is cheap but
        // subtracts deletions twice and reads far too low once sweeps run.
        long counted = progress ? countKeys(streams) : -1;
        stats.add(new SampleStats.Sample(committed, StoreDisk.sizeOf(storeDir), keysEstimate(streams), counted, heapNow,
            BoundedRocksDbMemory.usage(settings.rocksDbMemory())));
        if (progress) {
          lastProgress = System.nanoTime();
          var s = stats.last();
          err.println(Report.progress(committed, posts, s.storeBytes(), s.keysCounted(), s.keysEstimate(), s.heapUsed(),
              Duration.ofMillis(clock.milliseconds() - timeline.start().toEpochMilli()), sweeps.sweeps(), sweeps.forgotten()));
          err.flush();
        }
      }
      Duration processTime = Duration.ofNanos(System.nanoTime() - start);
      driver.interrupt();

      long endStore = StoreDisk.sizeOf(storeDir);
      stats.add(new SampleStats.Sample(committed, endStore, keysEstimate(streams), -1, heap.used(),
          BoundedRocksDbMemory.usage(settings.rocksDbMemory())));
      heap.fullGc();
      StoreContents contents = StoreContents.read(streams, clock.milliseconds(), options.retention());
      long recentExpected = timeline.postsFetchedSince(Instant.ofEpochMilli(contents.now() - options.retention().toMillis()));
      return new RunSummary(posts, writeTime, processTime, stats.maxStoreBytes(), endStore,
          Math.max(stats.maxKeysCounted(), contents.keys()), stats.maxKeysEstimate(), contents.keys(),
          contents.oldestAge(), contents.recent(), recentExpected, sweeps.sweeps(), sweeps.forgotten(), heap.maxAfterFullGc(),
          heap.fullGcs(), heap.maxAfterGc(), Math.max(heap.peak(), stats.maxHeapUsed()), HeapWatch.maxHeap(),
          stats.maxRocksDbBytes(), settings.rocksDbMemory(), HeapWatch.peakResidentBytes(), records(admin, settings.topics().dlq()));
    } finally {
      driver.interrupt();
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(30)));
    }
  }

  /**
   * The store at the end, read through Kafka Streams (interactive query over every partition): how
   * many ids, the oldest last-seen time, and how many were seen within the retention.
   */
  record StoreContents(long keys, Duration oldestAge, long recent, long now) {

    static StoreContents read(KafkaStreams streams, long now, Duration retention) throws InterruptedException {
      long since = now - retention.toMillis();
      for (int attempt = 0; ; attempt++) {
        try {
          ReadOnlyKeyValueStore<String, PostState> store =
              streams.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.<String, PostState>keyValueStore()));
          long keys = 0;
          long recent = 0;
          long oldest = Long.MAX_VALUE;
          try (KeyValueIterator<String, PostState> all = store.all()) {
            while (all.hasNext()) {
              long lastSeen = all.next().value.getLastSeenAt().toEpochMilli();
              keys++;
              oldest = Math.min(oldest, lastSeen);
              if (lastSeen >= since) {
                recent++;
              }
            }
          }
          return new StoreContents(keys, keys == 0 ? null : Duration.ofMillis(now - oldest), recent, now);
        } catch (InvalidStateStoreException e) {
          if (attempt >= 100) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
    }
  }

  /** The store's keys over every partition, counted one by one; -1 while the store cannot be queried (e.g. rebalancing). */
  private static long countKeys(KafkaStreams streams) {
    try {
      ReadOnlyKeyValueStore<String, PostState> store =
          streams.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.<String, PostState>keyValueStore()));
      long keys = 0;
      try (KeyValueIterator<String, PostState> all = store.all()) {
        while (all.hasNext()) {
          all.next();
          keys++;
        }
      }
      return keys;
    } catch (InvalidStateStoreException e) {
      return -1;
    }
  }

  private static long lag(Admin admin, String groupId, String rawTopic) throws InterruptedException {
    try {
      return CatchUp.lag(admin, groupId, rawTopic);
    } catch (ExecutionException | TimeoutException e) {
      return Long.MAX_VALUE / 2; // the group has not committed yet
    }
  }

  private static long keysEstimate(KafkaStreams streams) {
    double keys = metricSum(streams, "stream-state-metrics", "estimate-num-keys", STORE);
    return keys < 0 ? -1 : (long) keys;
  }

  /** Sum of a metric over threads, tasks and store instances; -1 if there is none. */
  static double metricSum(KafkaStreams streams, String group, String name, String storeName) {
    double sum = 0;
    boolean found = false;
    for (var metric : streams.metrics().entrySet()) {
      MetricName m = metric.getKey();
      if (m.group().equals(group) && m.name().equals(name) && (storeName == null || m.tags().containsValue(storeName))
          && metric.getValue().metricValue() instanceof Number value) {
        sum += value.doubleValue();
        found = true;
      }
    }
    return found ? sum : -1;
  }

  private static long records(Admin admin, String topic) throws Exception {
    var partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
        .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
    var earliest = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest())))
        .all().get(30, TimeUnit.SECONDS);
    var latest = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
        .all().get(30, TimeUnit.SECONDS);
    long n = 0;
    for (TopicPartition tp : partitions) {
      n += latest.get(tp).offset() - earliest.get(tp).offset();
    }
    return n;
  }

  private void deleteTopics(Map<String, Object> client, String applicationId, List<String> created) {
    try (Admin admin = Admin.create(client)) {
      List<String> names = new ArrayList<>(created);
      admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(t -> t.startsWith(applicationId + "-")).forEach(names::add);
      admin.deleteTopics(names).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      err.println("bench-memory: could not delete the benchmark's topics " + created + ": " + e.getMessage());
    }
  }

  private static Map<String, String> stringMap(Map<String, String> properties) {
    return new HashMap<>(properties);
  }
}

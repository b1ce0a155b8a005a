package io.feedpipe.bench.pipeline;

import io.feedpipe.bench.pipeline.BenchFeeds.Batch;
import io.feedpipe.bench.support.BenchSettings;
import io.feedpipe.bench.support.BenchSetupException;
import io.feedpipe.bench.support.TempDirectories;
import io.feedpipe.broker.BrokerConfig;
import io.feedpipe.broker.EmbeddedKafkaBroker;
import io.feedpipe.producer.ProducerThreads;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.AddressPolicy;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.producer.kafka.PollSummary;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.topics.TopicCreator;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.HtmlCleaner;
import io.feedpipe.streams.route.RouteRule;
import io.feedpipe.streams.topology.FeedpipeTopology;
import io.feedpipe.streams.topology.StreamsProperties;
import io.feedpipe.streams.topology.StreamsSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code feedpipe bench}: every stage on the same generated posts, one after the other
 * so that they do not compete for the cores, in one JVM.
 *
 * <ol>
 *   <li>the floor: a bare Jsoup parse of every post's HTML, then feedpipe's cleaner over it (one thread each);
 *   <li>the producer stage: the real {@link FeedProducer} fetches the first batch from the local
 *       feed server into posts.raw;
 *   <li>the Kafka ceiling: those posts.raw records produced again from memory and consumed back;
 *   <li>a warm-up, not timed: feedpipe's topology runs over a copy of those records, and the
 *       pass-through over the ceiling's ({@link StreamsWarmup}), so that the timed Streams runs
 *       measure compiled code;
 *   <li>the Streams ceiling: a pass-through app copying them under exactly_once_v2;
 *   <li>the Streams stage: the real feedpipe topology on posts.raw as the producer stage left it,
 *       until every post is committed to posts.clean;
 *   <li>the whole pipeline: a second batch of distinct posts fetched while the same Streams app
 *       runs; end-to-end latency per post;
 *   <li>with {@code --rate}, paced steps: posts published at a steady rate on feeds polled on their
 *       own schedules, through the same Streams app ({@link PacedRun}).
 * </ol>
 *
 * Around the producer and Streams stages, the topics' log sizes on the broker give what the first
 * batch wrote per topic ({@link WriteAmplification}).
 *
 * Then a read_committed reader of posts.clean checks that every post of both batches is there
 * exactly once. The run's topics take a topics.prefix of its own ({@code bench-<id>.posts.raw}, …),
 * so it can run next to a pipeline on the same cluster; on an existing cluster it deletes the
 * topics and consumer groups it created at the end.
 */
public final class BenchRun {
  private static final Logger log = LoggerFactory.getLogger(BenchRun.class);
  private static final long SEED = 20_251_208L;
  private static final int CARRIAGE_SAMPLE = 2_000;

  static final String CEILING_KAFKA = "ceiling: Kafka produce → consume";
  static final String CEILING_STREAMS = "ceiling: Streams pass-through, EOS";
  static final String FLOOR_PARSE = "floor: bare Jsoup parse, 1 thread";
  static final String CLEAN = "clean: HtmlCleaner, 1 thread";
  static final String PRODUCER = "producer stage";
  static final String STREAMS = "streams stage";
  static final String PIPELINE = "whole pipeline";

  /**
   * What to run.
   *
   * @param posts distinct posts per batch (two batches are generated)
   * @param postsPerFeed items per feed document; in paced steps, about the new posts a poll finds
   * @param partitions partitions of every topic
   * @param streamsThreads stream threads of the Streams apps
   * @param concurrency the producer's concurrent fetches
   * @param metricsCostRuns runs of the Streams stage each without and with metrics after the other
   *     stages (0: not measured; interleaved off, on, on, off, …)
   * @param warmupPosts posts run through feedpipe's Streams topology before the timed Streams runs:
   *     the first batch's records (at most all of them) copied once and run over as often as it
   *     takes; the pass-through runs once over the ceiling's records (0: no warm-up)
   * @param rates the paced steps' rates after the whole pipeline; null: no paced steps
   * @param pacedDuration how long each paced step publishes posts
   * @param pollInterval each feed's poll interval in paced steps
   */
  public record Options(int posts, int postsPerFeed, int partitions, int streamsThreads, int concurrency, int metricsCostRuns,
      RateSteps rates, Duration pacedDuration, Duration pollInterval, int warmupPosts) {
    public static final Duration DEFAULT_PACED_DURATION = Duration.ofSeconds(20);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** The warm-up without --warmup-posts: the batch, at most this many posts. */
    public static final int DEFAULT_WARMUP_POSTS = 20_000;

    /** Options without the metrics' cost. */
    public Options(int posts, int postsPerFeed, int partitions, int streamsThreads, int concurrency) {
      this(posts, postsPerFeed, partitions, streamsThreads, concurrency, 0);
    }

    /** Options without paced steps. */
    public Options(int posts, int postsPerFeed, int partitions, int streamsThreads, int concurrency, int metricsCostRuns) {
      this(posts, postsPerFeed, partitions, streamsThreads, concurrency, metricsCostRuns, null, DEFAULT_PACED_DURATION,
          DEFAULT_POLL_INTERVAL, defaultWarmupPosts(posts));
    }

    /** The warm-up without --warmup-posts: the batch, at most {@link #DEFAULT_WARMUP_POSTS}. */
    public static int defaultWarmupPosts(int posts) {
      return Math.min(posts, DEFAULT_WARMUP_POSTS);
    }

    public Options {
      if (metricsCostRuns < 0 || metricsCostRuns > 10) {
        throw new BenchSetupException("--metrics-cost must be between 0 and 10 runs, was " + metricsCostRuns);
      }
      if (posts < 1 || posts > 5_000_000) {
        throw new BenchSetupException("--posts must be between 1 and 5,000,000, was " + posts);
      }
      long maxWarmup = (long) WarmupPlan.MAX_ROUNDS * posts;
      if (warmupPosts < 0 || warmupPosts > maxWarmup) {
        throw new BenchSetupException(String.format(Locale.ROOT, "--warmup-posts must be between 0 and %,d (%d rounds over the batch "
            + "of --posts %,d), was %,d", maxWarmup, WarmupPlan.MAX_ROUNDS, posts, warmupPosts));
      }
      if (postsPerFeed < 1 || postsPerFeed > 1_000) {
        throw new BenchSetupException("--posts-per-feed must be between 1 and 1,000, was " + postsPerFeed);
      }
      if (partitions < 1 || partitions > 1_000) {
        throw new BenchSetupException("--partitions must be between 1 and 1,000, was " + partitions);
      }
      if (streamsThreads < 1 || streamsThreads > 64) {
        throw new BenchSetupException("--streams-threads must be between 1 and 64, was " + streamsThreads);
      }
      if (concurrency < 1 || concurrency > 1_000) {
        throw new BenchSetupException("--concurrency must be between 1 and 1,000, was " + concurrency);
      }
      if (pacedDuration.compareTo(Duration.ofSeconds(1)) < 0 || pacedDuration.compareTo(Duration.ofHours(1)) > 0) {
        throw new BenchSetupException("--duration must be between 1 and 3,600 seconds, was " + pacedDuration.toSeconds());
      }
      if (pollInterval.compareTo(Duration.ofMillis(100)) < 0 || pollInterval.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new BenchSetupException("--poll-interval must be between 0.1 and 600 seconds, was " + pollInterval.toMillis() / 1000.0);
      }
    }
  }

  private final BenchSettings settings;
  private final Options options;
  private final Path home;
  private final PrintWriter err;

  /**
   * @param settings Kafka connection and client properties, routes, dedupe retention, replication
   *     factor and the producer's fetch policy come from here
   * @param home where fixtures/lesswrong/feed.xml is looked for
   * @param err progress lines
   */
  public BenchRun(BenchSettings settings, Options options, Path home, PrintWriter err) {
    this.settings = settings;
    this.options = options;
    this.home = home;
    this.err = err;
  }

  public BenchReport run() throws Exception {
    // The run's own topics.prefix: its topics (bench-<id>.posts.raw, …) and Streams groups never
    // meet a pipeline's on the same cluster, so it can run next to one.
    String runId = "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-" + Integer.toString(new Random().nextInt(1 << 20), 36);
    int n = options.posts();
    BenchPosts posts = new BenchPosts(FixturePosts.load(home), SEED);
    BenchFeeds feeds = new BenchFeeds(n, options.postsPerFeed());
    Path work = Files.createTempDirectory("feedpipe-bench-");
    EmbeddedKafkaBroker broker = null;
    Map<String, Object> kafka = null;
    List<String> created = new ArrayList<>();
    List<String> appIds = new ArrayList<>();
    StreamsSettings feedpipeStreams = streamsSettings(runId + ".", runId + "-feedpipe", work.resolve("streams"));
    StreamsSettings passSettings = streamsSettings(runId + ".", runId + "-passthrough", work.resolve("streams"));
    String ceilingTopic = runId + ".ceiling";
    String copyTopic = runId + ".ceiling-copy";
    try {
      String servers;
      if (settings.bootstrapServers().isPresent()) {
        servers = settings.bootstrapServers().get();
      } else {
        err.println("bench: starting an embedded Kafka broker in " + work);
        broker = EmbeddedKafkaBroker.start(new BrokerConfig("127.0.0.1", 0, work.resolve("kafka"), Map.of()));
        servers = broker.bootstrapServers();
      }
      kafka = settings.clientProperties(servers);
      try (Admin admin = Admin.create(kafka)) {
        created.addAll(new TopicCreator(admin).ensure(feedpipeStreams.allTopics()));
        Optional<Short> rf = settings.streams().topics().replicationFactor();
        admin.createTopics(List.of(new NewTopic(ceilingTopic, Optional.of(options.partitions()), rf),
            new NewTopic(copyTopic, Optional.of(options.partitions()), rf))).all().get(60, TimeUnit.SECONDS);
        created.add(ceilingTopic);
        created.add(copyTopic);
      }
      appIds.add(feedpipeStreams.applicationId());
      appIds.add(passSettings.applicationId());
      return stages(runId, posts, feeds, kafka, servers, broker != null, feedpipeStreams, passSettings, ceilingTopic, copyTopic,
          work.resolve("streams"), appIds, created);
    } finally {
      if (broker == null && kafka != null) {
        deleteWhatWeCreated(kafka, created, appIds);
      }
      if (broker != null) {
        broker.close();
      }
      TempDirectories.deleteQuietly(work);
    }
  }

  private BenchReport stages(String runId, BenchPosts posts, BenchFeeds feeds, Map<String, Object> kafka, String servers,
      boolean embedded, StreamsSettings feedpipeStreams, StreamsSettings passSettings, String ceilingTopic, String copyTopic,
      Path stateDir, List<String> appIds, List<String> created) throws Exception {
    int n = options.posts();
    String feedpipeAppId = feedpipeStreams.applicationId();
    Map<String, String> streamsOverrides = new HashMap<>(settings.kafkaProperties());
    List<String> notes = new ArrayList<>();

    err.printf(Locale.ROOT, "bench: %s — %,d posts per batch, %d partitions, %d stream thread(s), Kafka at %s%n", runId, n,
        options.partitions(), options.streamsThreads(), servers);
    err.flush();

    // 1. The floor: bare parse and clean, one thread, nothing else running.
    ParseFloor.Result floor = ParseFloor.measure(posts, n, new HtmlCleaner(CleanerConfig.defaults()), err, FLOOR_PARSE, CLEAN);

    // The Streams apps join their groups and initialize their transactions now, then wait paused.
    try (PausedStreams feedpipeApp = PausedStreams.start(FeedpipeTopology.build(feedpipeStreams),
            StreamsProperties.of(feedpipeStreams, servers, streamsOverrides));
        PausedStreams passApp = PausedStreams.start(CeilingRuns.passThrough(ceilingTopic, copyTopic),
            StreamsProperties.of(passSettings, servers, streamsOverrides));
        PostFeedServer server = new PostFeedServer(feeds, posts, Math.max(4, Math.min(options.concurrency(), 32)));
        Admin admin = Admin.create(kafka)) {
      // What the first batch makes the broker store: the run's topics but the ceiling's, the
      // Streams app's internal topics and, on the embedded broker (which serves this run alone),
      // Kafka's own offsets and transaction log.
      Predicate<String> batchTopics = name -> (name.startsWith(runId + ".") && !name.equals(ceilingTopic) && !name.equals(copyTopic))
          || name.startsWith(feedpipeAppId + "-") || (embedded && name.startsWith("__"));
      Map<String, Long> written = new HashMap<>();

      // 2. The producer stage: the first batch into posts.raw.
      StageResult producerStage;
      try (FeedProducer producer = new FeedProducer(producerSettings(feeds, Batch.STAGES, server, feedpipeStreams.topics()), kafka)) {
        Map<String, Long> before = BrokerBytes.sizes(admin, batchTopics);
        StageMeter meter = StageMeter.start(ProducerThreads::isProducerThread);
        PollSummary summary = Progress.during(err, PRODUCER, feeds.feedsPerBatch(), "feeds fetched", server::served,
            producer::pollAllOnce);
        producerStage = meter.stop(PRODUCER, summary.postsSent(), 0);
        written = WriteAmplification.growth(before, BrokerBytes.sizes(admin, batchTopics), written);
        if (summary.postsSent() != n) {
          notes.add(String.format(Locale.ROOT, "the producer stage sent %,d of %,d posts (%s)", summary.postsSent(), n, summary.byOutcome()));
        }
      }

      // 3. The Kafka ceiling, on the very records the producer wrote.
      List<String> keys = new ArrayList<>(n);
      List<byte[]> values = new ArrayList<>(n);
      AtomicLong rawBytes = new AtomicLong();
      TopicReads.forEach(kafka, feedpipeStreams.topics().raw(), null, (key, value) -> {
        keys.add(key);
        values.add(value);
        rawBytes.addAndGet(value.length);
      });
      producerStage = producerStage.withBytes(rawBytes.get());
      StageResult kafkaCeiling = CeilingRuns.kafkaProduceConsume(CEILING_KAFKA, kafka, ceilingTopic, keys, values, rawBytes.get(), err)
          .withPeakHeapUnknown();
      int ceilingRecords = keys.size();

      // The warm-up: both Streams topologies over copies of the records, in topics and groups of
      // their own, so that the timed runs below measure compiled code.
      WarmupPlan plan = WarmupPlan.of(options.warmupPosts(), keys.size());
      String warmupNote;
      if (!plan.isNone()) {
        String warmupPrefix = runId + "-warmup.";
        StreamsWarmup.Setup setup = new StreamsWarmup.Setup(kafka, servers, streamsOverrides,
            round -> streamsSettings(warmupPrefix, runId + "-warmup-feedpipe-" + round, stateDir),
            streamsSettings(warmupPrefix, runId + "-warmup-passthrough", stateDir), ceilingTopic, warmupPrefix + "ceiling-copy",
            options.partitions(), settings.streams().topics().replicationFactor());
        new StreamsWarmup(setup, err).run(plan, keys, values, created, appIds);
        warmupNote = String.format(Locale.ROOT, "warm-up: before the timed Streams runs, feedpipe's topology ran over a copy of %,d "
            + "posts.raw records (%s) and the pass-through once over the ceiling's records, in topics and groups of their own, "
            + "not timed: the rows measure code the JIT has compiled, as in a pipeline that has run for a while (--warmup-posts 0: "
            + "none)", plan.copy(), plan.rounds() == 1 ? "once" : String.format(Locale.ROOT, "%d times, %,d posts in all",
                plan.rounds(), plan.posts()));
      } else if (options.warmupPosts() == 0) {
        warmupNote = "warm-up: none (--warmup-posts 0): the Streams rows include the JIT compiling the topologies' code";
      } else {
        warmupNote = "warm-up: none, the producer stage having written no posts.raw records";
      }
      keys.clear();
      values.clear();

      // 4. The Streams ceiling: the same records copied under exactly_once_v2.
      StageResult passThrough;
      AtomicLong copies = new AtomicLong();
      try (TopicWatcher reader = new TopicWatcher(kafka, copyTopic, "bench-copy-reader", (record, at) -> copies.incrementAndGet())) {
        StageMeter meter = StageMeter.start(thread -> thread.contains(passSettings.applicationId()));
        passApp.resume();
        boolean all = AwaitCount.until(err, CEILING_STREAMS, ceilingRecords, copies::get, () -> {
          passApp.requireHealthy();
          reader.requireHealthy();
        });
        passThrough = meter.stop(CEILING_STREAMS, copies.get(), rawBytes.get());
        if (!all) {
          throw new IllegalStateException("the pass-through Streams app copied " + copies.get() + " of " + ceilingRecords + " records");
        }
      }
      passApp.stop();

      // 5. The Streams stage, and 6. the whole pipeline, watched by one read_committed reader of posts.clean.
      DeliveryLedger ledger = new DeliveryLedger(feeds);
      LatencyRecorder latency = new LatencyRecorder();
      Deserializer<CleanPost> decoder = AvroSerdes.deserializer(CleanPost.class);
      StageResult streamsStage;
      long streamThreadCpu;
      StageResult pipeline;
      PacedReport pacedReport = null;
      Map<TopicPartition, Long> rawEnd;
      AtomicReference<PacedLedger> pacedStep = new AtomicReference<>();
      AtomicLong pacedStrays = new AtomicLong();
      try (TopicWatcher reader = new TopicWatcher(kafka, feedpipeStreams.topics().clean(), "bench-clean-reader", (record, at) -> {
        if (record.key() != null && record.key().startsWith(PacedRun.FEED_ID_PREFIX)) {
          PacedLedger step = pacedStep.get();
          long fetchedAt = decoder.deserialize(record.topic(), record.value()).getLastSeenAt().toEpochMilli();
          if (step == null || !step.record(record.key(), fetchedAt, at)) {
            pacedStrays.incrementAndGet();
          }
        } else if (ledger.record(record.key()) == DeliveryLedger.Seen.FIRST_OF_PIPELINE) {
          latency.record(at - decoder.deserialize(record.topic(), record.value()).getLastSeenAt().toEpochMilli());
        }
      })) {
        Map<String, Long> before = BrokerBytes.sizes(admin, batchTopics);
        StageMeter meter = StageMeter.start(thread -> thread.contains(feedpipeAppId));
        feedpipeApp.resume();
        Runnable healthy = () -> {
          feedpipeApp.requireHealthy();
          reader.requireHealthy();
        };
        AwaitCount.until(err, STREAMS, n, () -> ledger.distinct(Batch.STAGES), healthy);
        streamsStage = meter.stop(STREAMS, ledger.distinct(Batch.STAGES), rawBytes.get());
        streamThreadCpu = meter.threadCpuSinceStart(StreamThreadNames.of(feedpipeAppId));
        written = WriteAmplification.growth(before, BrokerBytes.sizes(admin, batchTopics), written);

        rawEnd = TopicReads.ends(kafka, feedpipeStreams.topics().raw());
        try (FeedProducer producer = new FeedProducer(producerSettings(feeds, Batch.PIPELINE, server, feedpipeStreams.topics()), kafka)) {
          long servedBefore = server.served();
          meter = StageMeter.start(thread -> ProducerThreads.isProducerThread(thread) || thread.contains(feedpipeAppId));
          Progress.during(err, PIPELINE + " (fetching)", feeds.feedsPerBatch(), "feeds fetched", () -> server.served() - servedBefore,
              producer::pollAllOnce);
          AwaitCount.until(err, PIPELINE, n, () -> ledger.distinct(Batch.PIPELINE), healthy);
          pipeline = meter.stop(PIPELINE, ledger.distinct(Batch.PIPELINE), 0);
        }
        AtomicLong pipelineBytes = new AtomicLong();
        TopicReads.forEach(kafka, feedpipeStreams.topics().raw(), rawEnd, (key, value) -> pipelineBytes.addAndGet(value.length));
        pipeline = pipeline.withBytes(pipelineBytes.get());

        // 8. Paced steps: posts at a steady rate, fetched on the feeds' schedules, through the same Streams app.
        if (options.rates() != null) {
          pacedReport = pacedSteps(runId, posts, feeds.postCount(), kafka, feedpipeStreams.topics(), streamsStage.postsPerSecond(),
              pacedStep, healthy, appIds, StreamThreadNames.of(feedpipeAppId));
          if (pacedStrays.get() > 0) {
            notes.add(String.format(Locale.ROOT, "posts.clean held %,d records of paced posts that no step expected", pacedStrays.get()));
          }
        }

        // Commit and stop, then read posts.clean to its end: a late duplicate would show now.
        feedpipeApp.stop();
        if (!reader.awaitEnd(Duration.ofMinutes(2))) {
          notes.add("posts.clean could not be read to its end within 2 minutes; the check covers what was read");
        }
      }
      // What posts.clean carries: the first batch's records, field by field (outside any measurement).
      CleanPostCarriage carriage = new CleanPostCarriage();
      TopicReads.forEach(kafka, feedpipeStreams.topics().clean(), null, (key, value) -> {
        if (carriage.records() < CARRIAGE_SAMPLE && key != null && feeds.isPostOf(Batch.STAGES, key)) {
          carriage.add(decoder.deserialize(feedpipeStreams.topics().clean(), value), value.length);
        }
      });
      WriteAmplification amplification = WriteAmplification.of(written, name -> topicLabel(name, runId, feedpipeAppId),
          feedpipeStreams.topics().raw(), n, floor.bareParse().bytes());

      AtomicLong deadLetters = new AtomicLong();
      TopicReads.forEach(kafka, feedpipeStreams.topics().dlq(), null, (key, value) -> deadLetters.incrementAndGet());
      if (deadLetters.get() > 0) {
        notes.add(0, String.format(Locale.ROOT, "posts.dlq holds %,d records: posts the Streams app could not process", deadLetters.get()));
      }

      // 7. The metrics' cost: the Streams stage again, over the same records, without and with a registry.
      MetricsCost metricsCost = null;
      if (options.metricsCostRuns() > 0) {
        metricsCost = new MetricsCostRuns(err, kafka, servers, streamsOverrides,
            appId -> streamsSettings(runId + ".", appId, stateDir))
            .measure(feedpipeAppId, rawEnd, ceilingRecords, rawBytes.get(), options.metricsCostRuns(), appIds);
      }

      List<StageResult> rows = List.of(kafkaCeiling, passThrough, floor.bareParse(), floor.clean(), producerStage, streamsStage, pipeline);
      int cores = Runtime.getRuntime().availableProcessors();
      BenchRatios ratios = BenchRatios.of(kafkaCeiling, passThrough, floor.bareParse(), floor.clean(), streamsStage, pipeline, cores,
          streamThreadCpu);
      List<String> setup = List.of(
          String.format(Locale.ROOT, "feedpipe bench: %,d distinct posts per batch (HTML %d–%d KB, mean %.1f KB, from the LessWrong "
                  + "fixture), %,d feeds × %d posts served on 127.0.0.1", n, BenchPosts.MIN_CHARS / 1000, BenchPosts.MAX_CHARS / 1000,
              floor.bareParse().bytes() / 1000.0 / n, feeds.feedsPerBatch(), options.postsPerFeed()),
          String.format(Locale.ROOT, "Kafka: %s; %d partitions; Streams: feedpipe's settings (exactly_once_v2), %d thread(s); producer: "
                  + "%d concurrent fetches", embedded ? "embedded broker in this JVM (" + servers + ")" : servers, options.partitions(),
              options.streamsThreads(), options.concurrency()),
          String.format(Locale.ROOT, "machine: %d cores, max heap %,d MB, Java %s", cores, Runtime.getRuntime().maxMemory() / 1_000_000,
              System.getProperty("java.version")));
      notes.addAll(standardNotes(embedded));
      notes.add(warmupNote);
      if (metricsCost != null) {
        notes.add("metrics off / on: the Streams stage's topology again, as fresh apps over the posts.raw records of the streams "
            + "stage, without a registry (no-op meters) and with one keeping every feedpipe Streams meter and histogram "
            + "(Micrometer's SimpleMeterRegistry, cumulative as a Prometheus registry); each run timed from resume until its group "
            + "committed every offset (to within the 100 ms commit interval); rows sum the runs of a kind.");
      }
      notes.addAll(measurementNotes(embedded, options.rates() != null));
      return new BenchReport(setup, rows, latency.summary(), ratios, List.of(ledger.check(Batch.STAGES), ledger.check(Batch.PIPELINE)),
          notes, metricsCost, amplification, carriage, pacedReport);
    }
  }

  /** Paced steps at the given rates (or auto: fractions of the Streams stage's rate), one after the other. */
  private PacedReport pacedSteps(String runId, BenchPosts posts, int firstPostIndex, Map<String, Object> kafka, FeedpipeTopics topics,
      double stageRate, AtomicReference<PacedLedger> current, Runnable healthy, List<String> groups, Predicate<String> streamThreads)
      throws Exception {
    PacedRun run = new PacedRun(settings, kafka, topics, posts, options.concurrency(), err);
    List<PacedResult> steps = new ArrayList<>();
    int nextPost = firstPostIndex;
    int step = 0;
    for (Optional<Double> next = options.rates().next(steps, stageRate); next.isPresent(); next = options.rates().next(steps, stageRate)) {
      double rate = next.get();
      PacingSchedule schedule = PacingSchedule.of(rate, options.pacedDuration(), options.pollInterval(), options.postsPerFeed());
      String group = runId + "-paced-" + step;
      groups.add(group);
      PacedResult result = run.step(step, schedule, group, nextPost, current::set, healthy, streamThreads);
      current.set(null);
      steps.add(result);
      err.printf(Locale.ROOT, "paced %,.0f posts/s: %,d/%,d posts; fetch → posts.clean p50 %,d ms, p99 %,d ms, max %,d ms%n", rate,
          result.arrived(), result.expected(), result.fromFetch().p50(), result.fromFetch().p99(), result.fromFetch().max());
      err.flush();
      nextPost += schedule.posts();
      step++;
    }
    return new PacedReport(steps, stageRate);
  }

  /** A topic's name without the run's prefix; the Streams app's internal topics marked as such. */
  static String topicLabel(String name, String runId, String applicationId) {
    if (name.startsWith(applicationId + "-")) {
      return "streams app: " + name.substring(applicationId.length() + 1);
    }
    if (name.startsWith(runId + ".")) {
      return name.substring(runId.length() + 1);
    }
    return name;
  }

  private static List<String> measurementNotes(boolean embedded, boolean paced) {
    List<String> notes = new ArrayList<>();
    notes.add("written to the broker: each topic's log size on the brokers (Admin.describeLogDirs; the largest replica of each "
        + "partition) before and after the producer stage and the streams stage, so it counts the first batch only"
        + (embedded ? "; Kafka's __consumer_offsets and __transaction_state included (the embedded broker serves this run alone)"
            : "; Kafka's own topics left out (a shared cluster's are written by others too)")
        + ". posts.clean carries: the first batch's records, up to " + CARRIAGE_SAMPLE + ", each field's content in bytes.");
    notes.add("stream threads / bare parse: CPU time of the streams stage's stream threads alone (<application.id>-…-StreamThread-n, "
        + "not their producers' network threads, not the broker) per post, over the bare Jsoup parse's CPU time per post.");
    if (paced) {
      notes.add("paced steps: a feed's document holds the posts published since it was last fetched (its new items), so every post is "
          + "fetched once and posts enter at the step's rate; the real producer polls a managed feed list, each feed added at its own "
          + "phase within one poll interval and polled at that interval. fetch → clean: the reader's receipt minus the producer's "
          + "fetch stamp; published → clean: minus the publication time the schedule gave the post (the poll wait included). "
          + "stream-thread CPU ms/post: the Streams app's stream threads' CPU time during the step over its posts. "
          + "held: every post arrived, once, with p99 fetch → clean ≤ 1 s. --rate auto steps through 0.25, 0.5, 0.75, 1, 1.5 and 2 × "
          + "the streams stage's rate measured above, stopping at the first step above half that does not hold, then runs one "
          + "step halfway between it and the highest rate held.");
    }
    return notes;
  }

  private static List<String> standardNotes(boolean embedded) {
    return List.of(
        "posts/s and MB/s over wall time; MB = 10^6 bytes of posts.raw record values (Avro FetchedPost as the producer wrote it), "
            + "of HTML for the two single-thread rows.",
        "CPU-s/1k posts: CPU seconds of the whole JVM per 1,000 posts"
            + (embedded ? ", the embedded broker's work included" : "")
            + " (also the local feed server and the bench's readers); own CPU-s/1k: the stage's own threads only (producer: poll "
            + "pool, HTTP client, Kafka sender; Streams: its stream threads and their producers; Kafka ceiling: the client threads).",
        "peak heap: the heap pools' peaks summed, after a GC at the stage's start (an upper bound of what the stage needs; G1 "
            + "collects lazily under a large max heap); – for the Kafka ceiling, which holds its records in memory, and the "
            + "single-thread rows.",
        "Streams runs are started and paused before their input is written, and timed from resume: group join and transaction "
            + "set-up are not measured. The streams stage processes posts.raw as the producer stage left it; the whole pipeline "
            + "fetches a second batch of distinct posts while the same Streams app runs.",
        "latency: when a read_committed reader of posts.clean receives the post, minus the fetch time the producer stamped on it "
            + "(FetchedPost.fetchedAt, carried as CleanPost.lastSeenAt); every feed is fetched at once, so it includes the queue "
            + "behind that burst.",
        "clean cost and bare parse cost are CPU time per post of one thread; cores ÷ clean cost is the most posts/s cleaning "
            + "alone would allow on this machine.");
  }

  /**
   * The configured Streams settings under the run's own topics prefix. A routing rule's explicit
   * {@code topic:} is used as written by a pipeline, so it is moved under the prefix too: a bench
   * next to a pipeline must not write its posts into the pipeline's route topics.
   */
  private StreamsSettings streamsSettings(String topicsPrefix, String applicationId, Path stateDir) {
    StreamsSettings configured = settings.streams();
    FeedpipeTopics topics = configured.topics().withPrefix(topicsPrefix).withPartitions(options.partitions());
    List<RouteRule> routes = configured.routes().stream()
        .map(rule -> rule.usesDefaultTopic() ? rule : new RouteRule(rule.name(), topicsPrefix + rule.topic(), rule.when()))
        .toList();
    return new StreamsSettings(applicationId, topics, configured.cleaner(), routes, configured.dedupeRetention(),
        options.streamsThreads(), stateDir, configured.rocksDbMemory());
  }

  /** feedpipe's producer on the batch's feeds; every feed is on 127.0.0.1, so loopback is allowed and per-host limits lifted. */
  private ProducerSettings producerSettings(BenchFeeds feeds, Batch batch, PostFeedServer server, FeedpipeTopics topics) {
    List<FeedSource> sources = feeds.feeds(batch).mapToObj(f -> new FeedSource(feeds.feedId(f), URI.create(server.url(f)))).toList();
    ProducerSettings configured = settings.producer();
    return ProducerSettings.builder()
        .feeds(sources)
        .fetch(configured.fetch().withAddresses(AddressPolicy.allowingLoopback()))
        .schedule(configured.schedule().withHostLimits(options.concurrency(), Duration.ZERO, options.concurrency()))
        .rawTopic(topics.raw())
        .statusTopic(topics.status())
        .configTopic(topics.feedsConfig())
        .build();
  }


  private void deleteWhatWeCreated(Map<String, Object> kafka, List<String> created, List<String> applicationIds) {
    try (Admin admin = Admin.create(kafka)) {
      Set<String> topics = new HashSet<>(created);
      for (String name : admin.listTopics().names().get(60, TimeUnit.SECONDS)) {
        if (applicationIds.stream().anyMatch(id -> name.startsWith(id + "-"))) {
          topics.add(name); // the Streams apps' changelog and repartition topics
        }
      }
      admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
      admin.deleteConsumerGroups(applicationIds).all().get(60, TimeUnit.SECONDS);
      err.println("bench: deleted the " + topics.size() + " topics and " + applicationIds.size() + " consumer groups it created");
    } catch (Exception e) {
      log.warn("could not delete the bench's topics {} and groups {}: {}", created, applicationIds, e.toString());
    }
  }
}

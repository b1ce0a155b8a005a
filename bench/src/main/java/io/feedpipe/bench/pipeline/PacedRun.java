package io.feedpipe.bench.pipeline;

import io.feedpipe.bench.support.BenchSettings;
import io.feedpipe.producer.config.ProducerSettings;
import io.feedpipe.producer.fetch.AddressPolicy;
import io.feedpipe.producer.kafka.FeedListClient;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.schemas.FeedConfig;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import java.io.PrintWriter;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One paced step of {@code feedpipe bench --rate}: posts published at a steady rate on many feeds
 * ({@link PacingSchedule}, served by {@link PacedFeedServer}), fetched by the real producer as it
 * runs in production — a managed feed list, each feed polled on its own interval from its own
 * phase (a feed is due when it is added, so adding them spread over one interval spreads their
 * polls) — through Kafka into the running Streams app, until a read_committed reader of
 * posts.clean has every post or nothing comes for {@link AwaitCount#STALL}. Each step has a feed
 * list topic of its own ({@code <group>-feeds.config}): a producer replaying a shared list polls a
 * removed feed once before it reads the removal.
 */
final class PacedRun {
  /** Feed ids of paced steps start with this (then the step number and a dash). */
  static final String FEED_ID_PREFIX = "bench-r";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final BenchSettings settings;
  private final Map<String, Object> kafka;
  private final FeedpipeTopics topics;
  private final BenchPosts posts;
  private final int concurrency;
  private final PrintWriter err;

  PacedRun(BenchSettings settings, Map<String, Object> kafka, FeedpipeTopics topics, BenchPosts posts, int concurrency, PrintWriter err) {
    this.settings = settings;
    this.kafka = kafka;
    this.topics = topics;
    this.posts = posts;
    this.concurrency = concurrency;
    this.err = err;
  }

  static String feedIdPrefix(int step) {
    return FEED_ID_PREFIX + step + "-";
  }

  /**
   * @param groupId the step's producer group (the caller deletes it on a shared cluster)
   * @param firstPostIndex the generated post that is the step's post 0 (distinct from every other step's)
   * @param install hands the step's ledger to the reader of posts.clean before the first post is published
   * @param healthy throws when the Streams app or the reader failed
   * @param streamThreads the Streams app's stream threads, by name: their CPU time per post is reported
   */
  PacedResult step(int step, PacingSchedule schedule, String groupId, int firstPostIndex, Consumer<PacedLedger> install,
      Runnable healthy, Predicate<String> streamThreads) throws Exception {
    String prefix = feedIdPrefix(step);
    String label = String.format(Locale.ROOT, "paced %,.0f posts/s", schedule.rate());
    err.printf(Locale.ROOT, "%s: %,d posts on %d feeds polled every %s ms for %d s%n", label, schedule.posts(), schedule.feeds(),
        schedule.pollInterval().toMillis(), schedule.duration().toSeconds());
    err.flush();
    try (PacedFeedServer server = new PacedFeedServer(schedule, posts, firstPostIndex, prefix, Math.max(4, Math.min(concurrency, 32)));
        FeedListClient feedList = new FeedListClient(kafka, createFeedList(groupId), topics.feedsState());
        FeedProducer producer = new FeedProducer(producerSettings(groupId, feedListTopic(groupId), schedule.pollInterval()), kafka)) {
      Thread polling = new Thread(producer::runUntilStopped, "bench-paced-dispatcher");
      polling.setDaemon(true);
      polling.start();
      awaitReady(producer);

      StageMeter meter = StageMeter.start(streamThreads);
      long startNanos = System.nanoTime();
      Instant start = Instant.now();
      PacedLedger ledger = new PacedLedger(prefix, firstPostIndex, schedule, start.toEpochMilli());
      install.accept(ledger);
      server.start(startNanos, start);
      for (int feed = 0; feed < schedule.feeds(); feed++) {
        sleepUntil(startNanos + schedule.firstPollNanos(feed));
        feedList.put(FeedConfig.newBuilder().setFeedId(prefix + feed).setUrl(server.url(feed))
            .setIntervalMs(schedule.pollInterval().toMillis()).setRoutes(List.of()).setTitle(null).setAddedAt(Instant.now()).build());
      }
      // Each feed is polled at least once after the last post is published: a producer that keeps
      // up has every post by then.
      AwaitCount.until(err, label, schedule.posts(), ledger::distinct, () -> {
        healthy.run();
        if (producer.deadThread().isPresent()) {
          throw new IllegalStateException("the paced producer stopped: " + producer.deadThread().get());
        }
      });
      long streamThreadCpu = meter.stop(label, ledger.distinct(), 0).ownCpuNanos();
      producer.stop();
      polling.join(TimeUnit.SECONDS.toMillis(30));
      return ledger.result().withStreamThreadCpu(streamThreadCpu);
    }
  }

  /** The step's feed list topic: named after its group, so the run's clean-up deletes it with the group. */
  static String feedListTopic(String groupId) {
    return groupId + "-feeds.config";
  }

  private String createFeedList(String groupId) throws Exception {
    String topic = feedListTopic(groupId);
    try (Admin admin = Admin.create(kafka)) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), settings.streams().topics().replicationFactor())
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get(60, TimeUnit.SECONDS);
    }
    return topic;
  }

  private void awaitReady(FeedProducer producer) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (producer.notReady().isPresent()) {
      if (producer.deadThread().isPresent() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the paced producer is not ready within " + READY_TIMEOUT.toSeconds() + " s: "
            + producer.notReady().orElse("?"));
      }
      Thread.sleep(50);
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** feedpipe's producer on the managed feed list, each feed polled at the step's interval; loopback allowed, host limits lifted. */
  private ProducerSettings producerSettings(String groupId, String feedList, Duration pollInterval) {
    ProducerSettings configured = settings.producer();
    return ProducerSettings.builder()
        .managedFeeds(true)
        .groupId(groupId)
        .fetch(configured.fetch().withAddresses(AddressPolicy.allowingLoopback()))
        .schedule(configured.schedule().withDefaultInterval(pollInterval).withHostLimits(concurrency, Duration.ZERO, concurrency))
        .rawTopic(topics.raw())
        .statusTopic(topics.status())
        .configTopic(feedList)
        .build();
  }
}

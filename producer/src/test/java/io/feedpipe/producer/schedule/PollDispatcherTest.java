package io.feedpipe.producer.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.state.InMemoryFeedStateStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatch loop on a plain thread pool, with a task that only counts: no Kafka, no HTTP. */
class PollDispatcherTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  private static FeedSource feed(int n, String host) {
    return new FeedSource("feed-" + n, URI.create("http://" + host + "/feed-" + n));
  }

  /** A task that records how many polls run at once, overall, per host and per feed. */
  private static final class CountingTask implements PollDispatcher.PollTask {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final Map<String, AtomicInteger> runningPerHost = new ConcurrentHashMap<>();
    final AtomicInteger maxPerHost = new AtomicInteger();
    final Map<String, AtomicInteger> runningPerFeed = new ConcurrentHashMap<>();
    final AtomicInteger maxPerFeed = new AtomicInteger();
    final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

    @Override
    public Instant run(FeedSource feed, Runnable fetchDone) {
      polls.computeIfAbsent(feed.id(), k -> new AtomicInteger()).incrementAndGet();
      AtomicInteger host = runningPerHost.computeIfAbsent(feed.url().getHost(), k -> new AtomicInteger());
      AtomicInteger same = runningPerFeed.computeIfAbsent(feed.id(), k -> new AtomicInteger());
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      maxPerHost.accumulateAndGet(host.incrementAndGet(), Math::max);
      maxPerFeed.accumulateAndGet(same.incrementAndGet(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        same.decrementAndGet();
        host.decrementAndGet();
        running.decrementAndGet();
      }
      return Instant.now(); // due again at once
    }
  }

  @Test
  void runOncePollsEveryFeedExactlyOnce() {
    PollDispatcher dispatcher = new PollDispatcher(4, new HostGate(4, Duration.ZERO), pool, Clock.systemUTC(), Duration.ofSeconds(1));
    FeedRegistry registry = new FeedRegistry(new InMemoryFeedStateStore(), dispatcher, Clock.systemUTC());
    IntStream.range(0, 10).forEach(n -> registry.upsert(feed(n, "host-" + n % 3)));
    CountingTask task = new CountingTask();

    dispatcher.runOnce(registry, task);

    assertThat(task.polls).hasSize(10).allSatisfy((id, count) -> assertThat(count.get()).as(id).isEqualTo(1));
    assertThat(task.running.get()).as("every poll has ended when runOnce returns").isZero();
  }

  @Test
  void neverRunsMorePollsThanTheConcurrencyLimit() {
    PollDispatcher dispatcher = new PollDispatcher(2, new HostGate(10, Duration.ZERO), pool, Clock.systemUTC(), Duration.ofSeconds(1));
    FeedRegistry registry = new FeedRegistry(new InMemoryFeedStateStore(), dispatcher, Clock.systemUTC());
    IntStream.range(0, 12).forEach(n -> registry.upsert(feed(n, "host-" + n)));
    CountingTask task = new CountingTask();

    dispatcher.runOnce(registry, task);

    assertThat(task.maxRunning.get()).isEqualTo(2);
    assertThat(task.polls).hasSize(12);
  }

  @Test
  void hostGateLimitsPollsOfOneHost() {
    PollDispatcher dispatcher = new PollDispatcher(8, new HostGate(1, Duration.ZERO), pool, Clock.systemUTC(), Duration.ofSeconds(1));
    FeedRegistry registry = new FeedRegistry(new InMemoryFeedStateStore(), dispatcher, Clock.systemUTC());
    IntStream.range(0, 6).forEach(n -> registry.upsert(feed(n, "example.org")));
    CountingTask task = new CountingTask();

    dispatcher.runOnce(registry, task);

    assertThat(task.maxPerHost.get()).isEqualTo(1);
    assertThat(task.polls).hasSize(6);
  }

  @Test
  void neverPollsAFeedTwiceAtOnceEvenWhenDueAgainWhileInFlight() throws Exception {
    PollDispatcher dispatcher = new PollDispatcher(8, new HostGate(8, Duration.ZERO), pool, Clock.systemUTC(), Duration.ofSeconds(1));
    FeedRegistry registry = new FeedRegistry(new InMemoryFeedStateStore(), dispatcher, Clock.systemUTC());
    IntStream.range(0, 3).forEach(n -> registry.upsert(feed(n, "example.org")));
    CountingTask task = new CountingTask();
    Thread runner = new Thread(() -> dispatcher.runUntilStopped(registry, task));
    runner.start();
    try {
      for (int i = 0; i < 20; i++) { // extra due entries for feeds that are being polled
        registry.entries().forEach(e -> dispatcher.schedule(e.feed().id(), e.generation(), Instant.now()));
        Thread.sleep(5);
      }
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> task.polls.values().stream().allMatch(c -> c.get() >= 5));
    } finally {
      dispatcher.stop();
      runner.join(10_000);
    }

    assertThat(runner.isAlive()).isFalse();
    assertThat(task.maxPerFeed.get()).isEqualTo(1);
  }

  @Test
  void aDroppedFeedIsNotPolledAgain() throws Exception {
    PollDispatcher dispatcher = new PollDispatcher(2, new HostGate(2, Duration.ZERO), pool, Clock.systemUTC(), Duration.ofSeconds(1));
    FeedRegistry registry = new FeedRegistry(new InMemoryFeedStateStore(), dispatcher, Clock.systemUTC());
    registry.upsert(feed(1, "example.org"));
    registry.upsert(feed(2, "example.org"));
    CountingTask task = new CountingTask();
    Thread runner = new Thread(() -> dispatcher.runUntilStopped(registry, task));
    runner.start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> task.polls.containsKey("feed-1"));
      registry.drop(java.util.List.of("feed-1"), Duration.ofSeconds(5));
      int pollsAtDrop = task.polls.get("feed-1").get();
      int otherAtDrop = task.polls.get("feed-2").get();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> task.polls.get("feed-2").get() >= otherAtDrop + 3);

      assertThat(task.polls.get("feed-1").get()).isEqualTo(pollsAtDrop);
      assertThat(registry.ids()).containsExactly("feed-2");
    } finally {
      dispatcher.stop();
      runner.join(10_000);
    }
  }

  @Test
  void aFeedReplacedWhileItsPollRunsIsPolledAgainInItsNewVersion() throws Exception {
    PollDispatcher dispatcher = new PollDispatcher(4, new HostGate(4, Duration.ZERO), pool, Clock.systemUTC(), Duration.ofSeconds(1));
    FeedRegistry registry = new FeedRegistry(new InMemoryFeedStateStore(), dispatcher, Clock.systemUTC());
    FeedSource first = feed(1, "host");
    FeedSource replaced = new FeedSource(first.id(), URI.create("http://host/feed-1-moved"));
    CountDownLatch firstPollStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Map<String, AtomicInteger> pollsByUrl = new ConcurrentHashMap<>();
    PollDispatcher.PollTask task = (feed, fetchDone) -> {
      pollsByUrl.computeIfAbsent(feed.url().toString(), k -> new AtomicInteger()).incrementAndGet();
      if (feed.equals(first)) {
        firstPollStarted.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Instant.now().plusSeconds(3600); // not due again within the test
    };
    registry.upsert(first);
    Thread loop = new Thread(() -> dispatcher.runUntilStopped(registry, task), "dispatch-loop");
    loop.start();
    try {
      assertThat(firstPollStarted.await(10, TimeUnit.SECONDS)).isTrue();
      registry.upsert(replaced); // while the first version's poll is in flight
      release.countDown();

      Awaitility.await("the new version is polled").atMost(Duration.ofSeconds(10))
          .until(() -> pollsByUrl.containsKey(replaced.url().toString()));
      assertThat(pollsByUrl.get(first.url().toString()).get()).isEqualTo(1);
    } finally {
      dispatcher.stop();
      loop.join(10_000);
    }
  }

  @Test
  void dueCountsTellFeedsWaitingPastTheirTimeAndSkipRemovedOnes() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(start);
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return now.get();
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
    PollDispatcher dispatcher = new PollDispatcher(2, new HostGate(2, Duration.ZERO), pool, clock, Duration.ofSeconds(1));
    FeedRegistry registry = new FeedRegistry(new InMemoryFeedStateStore(), dispatcher, clock);
    registry.upsert(feed(1, "a"));
    registry.upsert(feed(2, "b"));
    dispatcher.schedule(feed(3, "c").id(), 1, start.plusSeconds(600)); // a feed the registry does not know: stale

    assertThat(dispatcher.dueCounts(registry, start.minusSeconds(60))).isEqualTo(new PollDispatcher.DueCounts(2, 0));
    now.set(start.plusSeconds(120)); // nobody dispatched them: two minutes late
    assertThat(dispatcher.dueCounts(registry, now.get().minusSeconds(60))).isEqualTo(new PollDispatcher.DueCounts(2, 2));
    registry.drop(java.util.List.of(feed(2, "b").id()), Duration.ofSeconds(1));
    assertThat(dispatcher.dueCounts(registry, now.get().minusSeconds(60))).isEqualTo(new PollDispatcher.DueCounts(1, 1));
  }
}

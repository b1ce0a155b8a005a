package io.feedpipe.producer.schedule;

import io.feedpipe.producer.config.FeedSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Starts polls when they are due, on a pool of threads: at most {@code maxConcurrent} at a time,
 * no more per host than the {@link HostGate} allows, and never two of the same feed at once. One
 * dispatch loop serves both ways of running: {@link #runOnce} (every feed once, now) and {@link
 * #runUntilStopped} (every feed when due, rescheduled after each poll). What a poll does is the
 * caller's {@link PollTask}; the dispatcher knows nothing of Kafka or HTTP.
 */
public final class PollDispatcher {
  /** One feed's poll, run on a pool thread. */
  @FunctionalInterface
  public interface PollTask {
    /**
     * @param fetchDone frees the feed's host for the next request (e.g. once its records are sent,
     *     before their acknowledgements are awaited); called anyway when the task returns
     * @return when the feed is due next (used by {@link #runUntilStopped}); null: after the retry delay
     */
    Instant run(FeedSource feed, Runnable fetchDone);
  }

  private final int maxConcurrent;
  private final HostGate gate;
  private final ExecutorService pool;
  private final Clock clock;
  private final Duration retryDelay;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock:
  private final PriorityQueue<Due> due = new PriorityQueue<>();
  private final Map<String, Long> inFlight = new HashMap<>(); // feed id -> generation of its poll in flight
  private volatile boolean stopped;

  /**
   * @param retryDelay when a feed whose poll failed unexpectedly (no next poll time) is due again
   */
  public PollDispatcher(int maxConcurrent, HostGate gate, ExecutorService pool, Clock clock, Duration retryDelay) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("max-concurrent-fetches must be at least 1, was " + maxConcurrent);
    }
    this.maxConcurrent = maxConcurrent;
    this.gate = Objects.requireNonNull(gate, "gate");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
  }

  /** Plans a poll of the feed's {@code generation} at {@code at}, for {@link #runUntilStopped}. */
  public void schedule(String feedId, long generation, Instant at) {
    lock.lock();
    try {
      due.add(new Due(at, feedId, generation));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Polls every feed of {@code feeds} once, now (whatever its schedule), and returns when every
   * poll has ended.
   *
   * @throws IllegalStateException when a task threw: polls turn feed problems into values, so this
   *     is a bug in the wiring
   */
  public void runOnce(FeedRegistry feeds, PollTask task) {
    Instant now = clock.instant();
    PriorityQueue<Due> round = new PriorityQueue<>();
    feeds.entries().forEach(e -> round.add(new Due(now, e.feed().id(), e.generation())));
    List<Future<?>> polls = new ArrayList<>();
    lock.lock();
    try {
      dispatch(round, feeds, task, polls);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling feeds", e);
    } finally {
      lock.unlock();
    }
    for (Future<?> poll : polls) {
      try {
        poll.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while polling feeds", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("polling a feed failed unexpectedly: " + e.getCause(), e.getCause());
      }
    }
  }

  /**
   * Polls the scheduled feeds when due until {@link #stop()}; each is scheduled again at the time
   * its task returns. Returns at once when interrupted (the interrupt flag stays set).
   */
  public void runUntilStopped(FeedRegistry feeds, PollTask task) {
    lock.lock();
    try {
      dispatch(due, feeds, task, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The dispatch loop; holds {@code lock}. With {@code once} (a list to collect the polls in) it
   * ends when {@code queue} is empty; else at {@link #stop()}, and every poll reschedules its feed.
   */
  private void dispatch(PriorityQueue<Due> queue, FeedRegistry feeds, PollTask task, List<Future<?>> once)
      throws InterruptedException {
    while (once != null ? !queue.isEmpty() : !stopped) {
      Instant now = clock.instant();
      Due next = queue.peek();
      if (next == null) {
        changed.await(1, TimeUnit.SECONDS);
        continue;
      }
      if (next.at().isAfter(now)) {
        changed.await(Math.max(1, Math.min(1000, Duration.between(now, next.at()).toMillis())), TimeUnit.MILLISECONDS);
        continue;
      }
      queue.poll();
      FeedSource feed = feeds.current(next.feedId(), next.generation());
      if (feed == null) {
        continue; // removed, or replaced by a newer generation with its own entry
      }
      Long pollingGeneration = inFlight.get(feed.id());
      if (pollingGeneration != null) {
        // A scheduled poll in flight reschedules its own generation when it ends; any other entry
        // (a round of --once, or a newer version of the feed, which that poll will not reschedule)
        // waits until the feed is back.
        if (once != null || pollingGeneration != next.generation()) {
          queue.add(new Due(now.plusMillis(50), next.feedId(), next.generation()));
        }
        continue;
      }
      if (inFlight.size() >= maxConcurrent) {
        queue.add(next);
        changed.await(100, TimeUnit.MILLISECONDS); // signalled when a poll ends
        continue;
      }
      Instant retry = gate.tryAcquire(hostOf(feed), now);
      if (retry != null) {
        queue.add(new Due(retry, next.feedId(), next.generation()));
        continue;
      }
      inFlight.put(feed.id(), next.generation());
      boolean reschedule = once == null;
      Future<?> poll;
      try {
        poll = pool.submit(() -> runPoll(feed, next.generation(), feeds, task, reschedule));
      } catch (RejectedExecutionException e) { // the pool is shut down: the producer is closing
        inFlight.remove(feed.id());
        gate.release(hostOf(feed));
        throw new IllegalStateException("the poll pool is shut down; feed " + feed.id() + " not polled", e);
      }
      if (once != null) {
        once.add(poll);
      }
    }
  }

  private void runPoll(FeedSource feed, long generation, FeedRegistry feeds, PollTask task, boolean reschedule) {
    AtomicBoolean hostFreed = new AtomicBoolean();
    Runnable fetchDone = () -> {
      if (hostFreed.compareAndSet(false, true)) {
        gate.release(hostOf(feed));
        signal();
      }
    };
    Instant nextPollAt = null;
    try {
      nextPollAt = task.run(feed, fetchDone);
    } finally {
      fetchDone.run();
      lock.lock();
      try {
        inFlight.remove(feed.id());
        if (reschedule && feeds.current(feed.id(), generation) != null) {
          due.add(new Due(nextPollAt != null ? nextPollAt : clock.instant().plus(retryDelay), feed.id(), generation));
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Waits until none of these feeds has a poll in flight, or {@code timeout} has passed. */
  public void awaitIdle(Collection<String> feedIds, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      changed.signalAll();
      while (feedIds.stream().anyMatch(inFlight::containsKey) && System.nanoTime() < deadline) {
        changed.await(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Feeds whose planned poll time has come ({@code due}), and of those the ones due before {@code overdueBefore}. */
  public record DueCounts(int due, int overdue) {}

  /**
   * Counts the planned polls whose time has come and that still wait (for a free thread, the host's
   * turn), skipping stale entries of feeds removed or replaced since. For the producer's gauges.
   */
  public DueCounts dueCounts(FeedRegistry feeds, Instant overdueBefore) {
    Instant now = clock.instant();
    List<Due> waiting = new ArrayList<>();
    lock.lock();
    try {
      for (Due d : due) {
        if (!d.at().isAfter(now)) {
          waiting.add(d);
        }
      }
    } finally {
      lock.unlock();
    }
    // The registry outside the lock: the dispatch loop takes the two in the order lock, registry.
    int dueNow = 0;
    int overdue = 0;
    java.util.Set<String> counted = new java.util.HashSet<>();
    for (Due d : waiting) {
      if (feeds.current(d.feedId(), d.generation()) != null && counted.add(d.feedId())) {
        dueNow++;
        if (d.at().isBefore(overdueBefore)) {
          overdue++;
        }
      }
    }
    return new DueCounts(dueNow, overdue);
  }

  /** Ends {@link #runUntilStopped}. */
  public void stop() {
    stopped = true;
    signal();
  }

  private void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The politeness key: the host; a file is its own "host" (no gap between reading two files). */
  static String hostOf(FeedSource feed) {
    String host = feed.url().getHost();
    return host == null ? feed.url().toString() : host;
  }

  /** A feed due at a time; entries of an older generation of the feed are stale and skipped. */
  private record Due(Instant at, String feedId, long generation) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(generation, o.generation);
    }
  }
}

package io.feedpipe.producer.schedule;

import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.state.FeedStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The feeds this producer instance polls now, each with a generation: replacing a feed (new URL,
 * new settings) gives it a new generation, so due times planned for the old one are recognised as
 * stale and skipped by the {@link PollDispatcher}. A feed added or replaced is handed to the
 * dispatcher, due when its saved state says or at once. Plain bookkeeping: the static feed list and
 * the managed feed list ({@code kafka.ManagedFeedList}) both drive it. Thread-safe.
 */
public final class FeedRegistry {
  private final FeedStateStore states;
  private final PollDispatcher dispatcher;
  private final Clock clock;
  // Guarded by this:
  private final Map<String, Entry> feeds = new HashMap<>();
  private long generation;

  /** A feed and the generation of its current version. */
  public record Entry(FeedSource feed, long generation) {}

  public FeedRegistry(FeedStateStore states, PollDispatcher dispatcher, Clock clock) {
    this.states = Objects.requireNonNull(states, "states");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Adds or replaces a feed; it is due when its saved state says, or at once. An identical feed changes nothing. */
  public void upsert(FeedSource feed) {
    FeedPollState state = states.get(feed.id(), feed.url().toString());
    long gen;
    synchronized (this) {
      Entry old = feeds.get(feed.id());
      if (old != null && old.feed().equals(feed)) {
        return;
      }
      gen = ++generation;
      feeds.put(feed.id(), new Entry(feed, gen));
    }
    Instant now = clock.instant();
    Instant at = state.nextPollAt() == null || state.nextPollAt().isBefore(now) ? now : state.nextPollAt();
    dispatcher.schedule(feed.id(), gen, at);
  }

  /**
   * Stops polling the feeds; returns once their polls in flight have ended, or after {@code
   * timeout}.
   */
  public void drop(Collection<String> feedIds, Duration timeout) {
    synchronized (this) {
      feedIds.forEach(feeds::remove);
    }
    dispatcher.awaitIdle(feedIds, timeout);
  }

  /** The feed if {@code generation} is still its current one; null when it was removed or replaced. */
  public synchronized FeedSource current(String feedId, long generation) {
    Entry entry = feeds.get(feedId);
    return entry != null && entry.generation() == generation ? entry.feed() : null;
  }

  /** Every feed with its current generation. */
  public synchronized List<Entry> entries() {
    return List.copyOf(feeds.values());
  }

  /** The ids of the feeds polled now. */
  public synchronized Set<String> ids() {
    return Set.copyOf(feeds.keySet());
  }
}

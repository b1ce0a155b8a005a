package io.feedpipe.producer.state;

import io.feedpipe.producer.schedule.FeedPollState;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link FeedStateStore} that lives as long as the process: a restart fetches every feed in full. */
public final class InMemoryFeedStateStore implements FeedStateStore {
  private final Map<String, FeedPollState> byFeed = new ConcurrentHashMap<>();

  @Override
  public FeedPollState get(String feedId, String feedUrl) {
    return FeedStateStore.savedIfSameUrl(byFeed.get(feedId), feedUrl);
  }

  @Override
  public void put(String feedId, FeedPollState state) {
    byFeed.put(feedId, Objects.requireNonNull(state, "state"));
  }

  @Override
  public void remove(String feedId) {
    byFeed.remove(feedId);
  }

  /** Every feed's state (a copy). */
  public Map<String, FeedPollState> all() {
    return Map.copyOf(byFeed);
  }
}

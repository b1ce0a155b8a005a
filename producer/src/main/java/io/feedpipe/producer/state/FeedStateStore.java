package io.feedpipe.producer.state;

import io.feedpipe.producer.schedule.FeedPollState;
import java.util.Objects;

/**
 * Remembers each feed's {@link FeedPollState} (validators, error streak, next poll, identity)
 * between polls. In memory for tests and one-off runs; {@code kafka.KafkaFeedStateStore} keeps it in
 * the compacted {@code feeds.state} topic so it survives restarts and moves with a feed between
 * producer instances.
 */
public interface FeedStateStore {

  /**
   * The state last saved for the feed; {@link FeedPollState#initial} when there is none or it
   * belongs to another URL (a feed whose URL changed starts afresh: old validators would be wrong).
   */
  FeedPollState get(String feedId, String feedUrl);

  /** Saves the state of a poll whose records are safely stored. */
  void put(String feedId, FeedPollState state);

  /** Forgets a removed feed. */
  default void remove(String feedId) {}

  /** What {@link #get} answers given the state saved for the feed (null when none). */
  static FeedPollState savedIfSameUrl(FeedPollState saved, String feedUrl) {
    return saved != null && Objects.equals(saved.feedUrl(), feedUrl) ? saved : FeedPollState.initial(feedUrl);
  }
}

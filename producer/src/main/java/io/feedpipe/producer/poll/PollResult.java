package io.feedpipe.producer.poll;

import io.feedpipe.producer.fetch.Validators;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchedPost;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one poll of one feed yields.
 *
 * @param posts the feed's entries, for {@code posts.raw}; empty unless the status is FETCHED
 * @param status exactly one per poll, for {@code feeds.status}
 * @param nextState the feed's state after this poll (validators, error streak, next poll, identity):
 *     keep it only after every post has been acknowledged, so a failed send is followed by a full
 *     fetch rather than a 304
 */
public record PollResult(List<FetchedPost> posts, FeedStatus status, FeedPollState nextState) {
  public PollResult {
    posts = List.copyOf(posts);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nextState, "nextState");
  }

  /**
   * The fetched version's validators when this poll fetched the feed: save them only after every
   * post has been acknowledged; empty when there is nothing new to save.
   */
  public Optional<Validators> validatorsToSave() {
    return status.getOutcome() == io.feedpipe.schemas.FetchOutcome.FETCHED ? Optional.of(nextState.validators()) : Optional.empty();
  }
}

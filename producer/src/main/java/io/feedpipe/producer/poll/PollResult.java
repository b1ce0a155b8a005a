package io.feedpipe.producer.poll;

import io.feedpipe.producer.fetch.Validators;
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
 * @param validatorsToSave the fetched version's validators: save them (see {@link
 *     io.feedpipe.producer.fetch.ValidatorStore}) only after every post has been acknowledged, so a
 *     failed send is followed by a full fetch rather than a 304; empty when there is nothing to save
 */
public record PollResult(List<FetchedPost> posts, FeedStatus status, Optional<Validators> validatorsToSave) {
  public PollResult {
    posts = List.copyOf(posts);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(validatorsToSave, "validatorsToSave");
  }
}

package io.feedpipe.producer.schedule;

import io.feedpipe.producer.fetch.Validators;
import io.feedpipe.producer.identity.IdentityStrategy;
import io.feedpipe.producer.parse.FeedHints;
import io.feedpipe.schemas.FetchOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the producer remembers about one feed between polls (persisted in {@code feeds.state}).
 *
 * @param validators of the last version whose entries were acknowledged by Kafka
 * @param errorStreak consecutive failed polls; 0 after a success
 * @param lastOutcome null before the first poll
 * @param lastError reason of the last failure; null after a success
 * @param lastPollAt null before the first poll
 * @param lastSuccessAt null until a poll succeeds
 * @param nextPollAt when the feed is due; null: at once
 * @param postingInterval observed mean time between posts; null when unknown
 * @param identity the feed's identity strategy (sticky); null before the first entries were read
 * @param identityReason why the feed fell back from GUID; null when it did not
 * @param hints ttl, sy:updatePeriod, skipHours and skipDays of the last version parsed; kept so that
 *     a 304 (which carries no body) is scheduled as the version it confirms was
 */
public record FeedPollState(
    String feedUrl,
    Validators validators,
    int errorStreak,
    FetchOutcome lastOutcome,
    String lastError,
    Instant lastPollAt,
    Instant lastSuccessAt,
    Instant nextPollAt,
    Duration postingInterval,
    IdentityStrategy identity,
    String identityReason,
    FeedHints hints) {

  public FeedPollState {
    Objects.requireNonNull(validators, "validators");
    if (hints == null) {
      hints = FeedHints.none();
    }
  }

  /** A feed never polled. */
  public static FeedPollState initial(String feedUrl) {
    return new FeedPollState(feedUrl, Validators.none(), 0, null, null, null, null, null, null, null, null, FeedHints.none());
  }

  public FeedPollState withValidators(Validators v) {
    return new FeedPollState(feedUrl, v, errorStreak, lastOutcome, lastError, lastPollAt, lastSuccessAt, nextPollAt, postingInterval,
        identity, identityReason, hints);
  }

  public FeedPollState withHints(FeedHints h) {
    return new FeedPollState(feedUrl, validators, errorStreak, lastOutcome, lastError, lastPollAt, lastSuccessAt, nextPollAt,
        postingInterval, identity, identityReason, h);
  }

  public FeedPollState withNextPollAt(Instant at) {
    return new FeedPollState(feedUrl, validators, errorStreak, lastOutcome, lastError, lastPollAt, lastSuccessAt, at, postingInterval,
        identity, identityReason, hints);
  }
}

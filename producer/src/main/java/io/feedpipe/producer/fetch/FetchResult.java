package io.feedpipe.producer.fetch;

import io.feedpipe.schemas.FetchOutcome;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** How one fetch of a feed ended. Callers switch over the cases; none is an exception. */
public sealed interface FetchResult {

  /**
   * The feed's bytes (decompressed).
   *
   * @param body the decompressed bytes
   * @param httpStatus the final response's status (after redirects); null for {@code file:} feeds
   * @param contentType the response's Content-Type, null when unknown (files); it may name the
   *     charset
   * @param validators what to send next time to ask "changed since?"; remember them only once the
   *     entries are safely stored, or a failed send would be followed by a 304 and lose them
   * @param movedPermanentlyTo where every redirect of this fetch was permanent (301/308) to: the
   *     feed's new address, worth updating the feed list with; null otherwise
   * @param freshFor how long the server says the response stays fresh (Cache-Control max-age, else
   *     Expires − Date); null when it does not say. The scheduler polls no sooner
   */
  record Fetched(byte[] body, String contentType, Integer httpStatus, Validators validators, URI movedPermanentlyTo, Duration freshFor)
      implements FetchResult {
    public Fetched {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(validators, "validators");
    }

    public Fetched(byte[] body, String contentType, Integer httpStatus, Validators validators) {
      this(body, contentType, httpStatus, validators, null, null);
    }
  }

  /**
   * The server says the feed has not changed since the validators we sent (HTTP 304).
   *
   * @param freshFor as in {@link Fetched#freshFor()}
   */
  record NotModified(int httpStatus, Duration freshFor) implements FetchResult {
    public NotModified(int httpStatus) {
      this(httpStatus, null);
    }
  }

  /**
   * The fetch did not yield a feed.
   *
   * @param outcome the kind of failure, as written to {@code feeds.status}
   * @param httpStatus the response's status; null when no response came (or for {@code file:})
   * @param reason for people: names the feed URL and the cause
   * @param retryAt when the server asked us to come back (Retry-After on 429/503); null when it
   *     did not say
   */
  record Failed(FetchOutcome outcome, Integer httpStatus, String reason, Instant retryAt) implements FetchResult {
    public Failed {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
    }

    public Failed(FetchOutcome outcome, Integer httpStatus, String reason) {
      this(outcome, httpStatus, reason, null);
    }
  }
}

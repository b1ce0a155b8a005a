package io.feedpipe.producer.fetch;

import io.feedpipe.schemas.FetchOutcome;
import java.util.Objects;

/** How one fetch of a feed ended. Callers switch over the three cases; none is an exception. */
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
   */
  record Fetched(byte[] body, String contentType, Integer httpStatus, Validators validators) implements FetchResult {
    public Fetched {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(validators, "validators");
    }
  }

  /** The server says the feed has not changed since the validators we sent (HTTP 304). */
  record NotModified(int httpStatus) implements FetchResult {}

  /**
   * The fetch did not yield a feed.
   *
   * @param outcome the kind of failure, as written to {@code feeds.status}
   * @param httpStatus the response's status; null when no response came (or for {@code file:})
   * @param reason for people: names the feed URL and the cause
   */
  record Failed(FetchOutcome outcome, Integer httpStatus, String reason) implements FetchResult {
    public Failed {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
    }
  }
}

package io.feedpipe.producer.fetch;

import io.feedpipe.schemas.FetchOutcome;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Fetches a feed's bytes from {@code http(s):} URLs (and {@code file:} ones the policy allows: see
 * {@link FetchPolicy#mayReadFile}), within the limits of a {@link FetchPolicy}, with a conditional GET when the caller passes
 * the validators of the last version it stored. Never throws for what a feed or its server does:
 * every way a fetch can end is a {@link FetchResult}. Thread-safe; share one instance (it holds the
 * HTTP connection pool).
 */
public final class FeedFetcher implements AutoCloseable {
  private final FetchPolicy policy;
  private final HttpFetch http;
  private final FileFetch file;

  public FeedFetcher(FetchPolicy policy) {
    this(policy, InetAddress::getAllByName, Clock.systemUTC());
  }

  FeedFetcher(FetchPolicy policy, HttpFetch.Resolver resolver, Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.http = new HttpFetch(policy, resolver, clock);
    this.file = new FileFetch(policy.maxBodyBytes());
  }

  /**
   * The defaults with this timeout, size limit and User-Agent, {@code file:} allowed and loopback
   * allow-listed: for tests and local tools only.
   */
  public FeedFetcher(Duration timeout, long maxBodyBytes, String userAgent) {
    this(FetchPolicy.defaults().withTotalTimeout(timeout).withMaxBodyBytes(maxBodyBytes).withUserAgent(userAgent)
        .withFileUrls(true).withAddresses(AddressPolicy.allowingLoopback()));
  }

  /** Stops the HTTP client's threads (at the owner's close: a one-shot run exits without waiting for them); no fetch may follow. */
  @Override
  public void close() {
    http.close();
  }

  public FetchPolicy policy() {
    return policy;
  }

  /** Response bytes the HTTP fetches in flight hold now (see {@link BytesInFlight}). */
  public long bytesInFlight() {
    return http.bytesInFlight().used();
  }

  /**
   * @param previous validators of the version last stored, {@link Validators#none()} for a full GET
   */
  public FetchResult fetch(URI url, Validators previous) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(previous, "previous");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "http", "https" -> http.fetch(url, previous);
      case "file" -> policy.mayReadFile(url)
          ? file.fetch(url)
          : new FetchResult.Failed(FetchOutcome.REFUSED_BY_POLICY, null,
              url + ": file: URLs are allowed only for feeds in the configuration; set producer.allow-file-urls: true to read"
                  + " local files for feeds added to the feed list");
      default -> new FetchResult.Failed(FetchOutcome.REFUSED_BY_POLICY, null,
          url + ": scheme '" + scheme + "' is not allowed; only http and https (and file: when enabled)");
    };
  }
}

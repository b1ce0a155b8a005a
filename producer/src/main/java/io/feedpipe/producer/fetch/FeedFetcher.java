package io.feedpipe.producer.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Fetches a feed's bytes from {@code http(s):} or {@code file:} URLs, with a timeout and a size
 * limit, and a conditional GET when the caller passes the validators of the last version it stored.
 * Never throws for what a feed or its server does: every way a fetch can end is a {@link
 * FetchResult}. Thread-safe; share one instance (it holds the HTTP connection pool).
 */
public final class FeedFetcher {
  private final HttpFetch http;
  private final FileFetch file;

  /**
   * @param timeout the longest one fetch may take, connect to last byte
   * @param maxBodyBytes the largest body accepted, after decompression
   * @param userAgent sent as User-Agent
   */
  public FeedFetcher(Duration timeout, long maxBodyBytes, String userAgent) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(userAgent, "userAgent");
    this.http = new HttpFetch(timeout, maxBodyBytes, userAgent);
    this.file = new FileFetch(maxBodyBytes);
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
      case "file" -> file.fetch(url);
      default -> throw new IllegalArgumentException(url + ": scheme '" + scheme + "' is not fetchable; allowed are http, https and file");
    };
  }
}

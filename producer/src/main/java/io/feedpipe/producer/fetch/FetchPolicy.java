package io.feedpipe.producer.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a feed may be fetched: limits and network policy in one place. Validated on construction; an
 * error names the setting.
 *
 * @param connectTimeout the longest wait for a TCP/TLS connection. Default 10 s
 * @param readTimeout the longest wait for the response headers and between two chunks of the body.
 *     Default 15 s; a server that goes quiet this long is given up on
 * @param totalTimeout the longest a whole fetch may take, redirects and body included. Default 30 s:
 *     a server dripping bytes cannot hold a poll thread longer
 * @param maxBodyBytes the largest body accepted, counted after decompression (gzip, deflate).
 *     Default 15 MB: larger feeds are almost always mistakes or decompression bombs
 * @param maxRedirects redirects followed per fetch, each hop checked again. Default 5
 * @param allowFileUrls whether {@code file:} URLs may be read for any feed, including those added to
 *     the managed list ({@code feeds.config}) later, e.g. by {@code feedpipe feeds add}. Off unless
 *     enabled ({@code producer.allow-file-urls}): a feed URL must not read the producer's own files
 * @param configuredFiles {@code file:} URLs that may be read even without {@code allowFileUrls}:
 *     those of feeds listed in the configuration or on the command line (listing one there is
 *     enabling it, for that URL only)
 * @param maxBytesInFlight response bytes all fetches together may hold while reading their bodies
 *     ({@code producer.max-bytes-in-flight}). Default 64 MB: without it, 16 concurrent fetches of
 *     15 MB each could hold 240 MB; see {@link BytesInFlight}
 * @param addresses which IP addresses may be connected to (private, loopback… refused unless
 *     allow-listed)
 * @param userAgent sent with every request, naming the project and a contact
 */
public record FetchPolicy(
    Duration connectTimeout,
    Duration readTimeout,
    Duration totalTimeout,
    long maxBodyBytes,
    int maxRedirects,
    boolean allowFileUrls,
    AddressPolicy addresses,
    String userAgent,
    Set<URI> configuredFiles,
    long maxBytesInFlight) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(30);
  public static final long DEFAULT_MAX_BODY_BYTES = 15L * 1024 * 1024;
  public static final int DEFAULT_MAX_REDIRECTS = 5;
  public static final long DEFAULT_MAX_BYTES_IN_FLIGHT = 64L * 1024 * 1024;
  public static final String DEFAULT_USER_AGENT = "feedpipe/0.1 (+https://github.com/feedpipe/feedpipe)";

  public FetchPolicy {
    positive("connect-timeout", connectTimeout);
    positive("read-timeout", readTimeout);
    positive("fetch-timeout", totalTimeout);
    if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      // A body is held in one byte array.
      throw new IllegalArgumentException("max-body-size must be between 1 and " + (Integer.MAX_VALUE - 8) + " bytes, was " + maxBodyBytes);
    }
    if (maxRedirects < 0 || maxRedirects > 20) {
      throw new IllegalArgumentException("max-redirects must be between 0 and 20, was " + maxRedirects);
    }
    Objects.requireNonNull(addresses, "addresses");
    if (userAgent == null || userAgent.isBlank()) {
      throw new IllegalArgumentException("user-agent must not be blank");
    }
    configuredFiles = Set.copyOf(Objects.requireNonNull(configuredFiles, "configuredFiles"));
    if (maxBytesInFlight < 1) {
      throw new IllegalArgumentException("max-bytes-in-flight must be at least 1 byte, was " + maxBytesInFlight);
    }
  }

  /** A policy without configured file feeds and with the default budget of bytes in flight. */
  public FetchPolicy(Duration connectTimeout, Duration readTimeout, Duration totalTimeout, long maxBodyBytes, int maxRedirects,
      boolean allowFileUrls, AddressPolicy addresses, String userAgent) {
    this(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, maxRedirects, allowFileUrls, addresses, userAgent, Set.of(),
        DEFAULT_MAX_BYTES_IN_FLIGHT);
  }

  /** Whether this {@code file:} URL may be read: every one when allowed, else only configured ones. */
  public boolean mayReadFile(URI url) {
    return allowFileUrls || configuredFiles.contains(url);
  }

  /** This policy allowing these {@code file:} URLs of configured feeds (and no others unless {@code allowFileUrls}). */
  public FetchPolicy withConfiguredFiles(Set<URI> files) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, maxRedirects, allowFileUrls, addresses, userAgent,
        files, maxBytesInFlight);
  }

  public FetchPolicy withMaxBytesInFlight(long bytes) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, maxRedirects, allowFileUrls, addresses, userAgent,
        configuredFiles, bytes);
  }

  /** Every default: strict address policy, no {@code file:}. */
  public static FetchPolicy defaults() {
    return new FetchPolicy(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_TOTAL_TIMEOUT, DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_REDIRECTS, false, AddressPolicy.strict(), DEFAULT_USER_AGENT, Set.of(), DEFAULT_MAX_BYTES_IN_FLIGHT);
  }

  public FetchPolicy withTotalTimeout(Duration timeout) {
    // The other waits cannot be longer than the whole fetch.
    return new FetchPolicy(min(connectTimeout, timeout), min(readTimeout, timeout), timeout, maxBodyBytes, maxRedirects,
        allowFileUrls, addresses, userAgent, configuredFiles, maxBytesInFlight);
  }

  public FetchPolicy withMaxBodyBytes(long bytes) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, bytes, maxRedirects, allowFileUrls, addresses, userAgent, configuredFiles, maxBytesInFlight);
  }

  public FetchPolicy withUserAgent(String agent) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, maxRedirects, allowFileUrls, addresses, agent, configuredFiles, maxBytesInFlight);
  }

  public FetchPolicy withFileUrls(boolean allow) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, maxRedirects, allow, addresses, userAgent, configuredFiles, maxBytesInFlight);
  }

  public FetchPolicy withAddresses(AddressPolicy policy) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, maxRedirects, allowFileUrls, policy, userAgent, configuredFiles, maxBytesInFlight);
  }

  public FetchPolicy withMaxRedirects(int redirects) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, redirects, allowFileUrls, addresses, userAgent, configuredFiles, maxBytesInFlight);
  }

  public FetchPolicy withTimeouts(Duration connect, Duration read, Duration total) {
    return new FetchPolicy(connect, read, total, maxBodyBytes, maxRedirects, allowFileUrls, addresses, userAgent, configuredFiles, maxBytesInFlight);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void positive(String setting, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be positive, was " + value);
    }
  }
}

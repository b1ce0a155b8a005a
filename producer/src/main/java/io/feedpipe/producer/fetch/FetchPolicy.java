package io.feedpipe.producer.fetch;

import java.time.Duration;
import java.util.Objects;

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
 * @param allowFileUrls whether {@code file:} URLs may be read. Off unless enabled: a feed URL must
 *     not read the producer's own files
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
    String userAgent) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(30);
  public static final long DEFAULT_MAX_BODY_BYTES = 15L * 1024 * 1024;
  public static final int DEFAULT_MAX_REDIRECTS = 5;
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
  }

  /** Every default: strict address policy, no {@code file:}. */
  public static FetchPolicy defaults() {
    return new FetchPolicy(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_TOTAL_TIMEOUT, DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_REDIRECTS, false, AddressPolicy.strict(), DEFAULT_USER_AGENT);
  }

  public FetchPolicy withTotalTimeout(Duration timeout) {
    // The other waits cannot be longer than the whole fetch.
    return new FetchPolicy(min(connectTimeout, timeout), min(readTimeout, timeout), timeout, maxBodyBytes, maxRedirects,
        allowFileUrls, addresses, userAgent);
  }

  public FetchPolicy withMaxBodyBytes(long bytes) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, bytes, maxRedirects, allowFileUrls, addresses, userAgent);
  }

  public FetchPolicy withUserAgent(String agent) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, maxRedirects, allowFileUrls, addresses, agent);
  }

  public FetchPolicy withFileUrls(boolean allow) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, maxRedirects, allow, addresses, userAgent);
  }

  public FetchPolicy withAddresses(AddressPolicy policy) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, maxRedirects, allowFileUrls, policy, userAgent);
  }

  public FetchPolicy withMaxRedirects(int redirects) {
    return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, redirects, allowFileUrls, addresses, userAgent);
  }

  public FetchPolicy withTimeouts(Duration connect, Duration read, Duration total) {
    return new FetchPolicy(connect, read, total, maxBodyBytes, maxRedirects, allowFileUrls, addresses, userAgent);
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

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

  /** Whether this {@code file:} URL may be read: every one when allowed, else only configured ones. */
  public boolean mayReadFile(URI url) {
    return allowFileUrls || configuredFiles.contains(url);
  }

  /** This policy allowing these {@code file:} URLs of configured feeds (and no others unless {@code allowFileUrls}). */
  public FetchPolicy withConfiguredFiles(Set<URI> files) {
    return toBuilder().configuredFiles(files).build();
  }

  public FetchPolicy withMaxBytesInFlight(long bytes) {
    return toBuilder().maxBytesInFlight(bytes).build();
  }

  /** Every default: strict address policy, no {@code file:}. */
  public static FetchPolicy defaults() {
    return builder().build();
  }

  /** The whole fetch within {@code timeout}: the connect and read timeouts are cut to it when longer. */
  public FetchPolicy withTotalTimeout(Duration timeout) {
    // The other waits cannot be longer than the whole fetch.
    return toBuilder().timeouts(min(connectTimeout, timeout), min(readTimeout, timeout), timeout).build();
  }

  public FetchPolicy withMaxBodyBytes(long bytes) {
    return toBuilder().maxBodyBytes(bytes).build();
  }

  public FetchPolicy withUserAgent(String agent) {
    return toBuilder().userAgent(agent).build();
  }

  public FetchPolicy withFileUrls(boolean allow) {
    return toBuilder().allowFileUrls(allow).build();
  }

  public FetchPolicy withAddresses(AddressPolicy policy) {
    return toBuilder().addresses(policy).build();
  }

  public FetchPolicy withMaxRedirects(int redirects) {
    return toBuilder().maxRedirects(redirects).build();
  }

  public FetchPolicy withTimeouts(Duration connect, Duration read, Duration total) {
    return toBuilder().timeouts(connect, read, total).build();
  }

  /** A builder starting from every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy, to change some of it. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link FetchPolicy} by name; {@link #build()} validates it and names the setting at fault. */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration totalTimeout = DEFAULT_TOTAL_TIMEOUT;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxRedirects = DEFAULT_MAX_REDIRECTS;
    private boolean allowFileUrls;
    private AddressPolicy addresses = AddressPolicy.strict();
    private String userAgent = DEFAULT_USER_AGENT;
    private Set<URI> configuredFiles = Set.of();
    private long maxBytesInFlight = DEFAULT_MAX_BYTES_IN_FLIGHT;

    private Builder() {}

    private Builder(FetchPolicy p) {
      connectTimeout = p.connectTimeout;
      readTimeout = p.readTimeout;
      totalTimeout = p.totalTimeout;
      maxBodyBytes = p.maxBodyBytes;
      maxRedirects = p.maxRedirects;
      allowFileUrls = p.allowFileUrls;
      addresses = p.addresses;
      userAgent = p.userAgent;
      configuredFiles = p.configuredFiles;
      maxBytesInFlight = p.maxBytesInFlight;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    public Builder totalTimeout(Duration timeout) {
      this.totalTimeout = timeout;
      return this;
    }

    public Builder timeouts(Duration connect, Duration read, Duration total) {
      return connectTimeout(connect).readTimeout(read).totalTimeout(total);
    }

    public Builder maxBodyBytes(long bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    public Builder maxRedirects(int redirects) {
      this.maxRedirects = redirects;
      return this;
    }

    public Builder allowFileUrls(boolean allow) {
      this.allowFileUrls = allow;
      return this;
    }

    public Builder addresses(AddressPolicy policy) {
      this.addresses = policy;
      return this;
    }

    public Builder userAgent(String agent) {
      this.userAgent = agent;
      return this;
    }

    public Builder configuredFiles(Set<URI> files) {
      this.configuredFiles = files;
      return this;
    }

    public Builder maxBytesInFlight(long bytes) {
      this.maxBytesInFlight = bytes;
      return this;
    }

    /** @throws IllegalArgumentException naming the setting at fault */
    public FetchPolicy build() {
      return new FetchPolicy(connectTimeout, readTimeout, totalTimeout, maxBodyBytes, maxRedirects, allowFileUrls, addresses, userAgent,
          configuredFiles, maxBytesInFlight);
    }
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

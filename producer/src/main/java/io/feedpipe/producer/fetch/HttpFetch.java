package io.feedpipe.producer.fetch;

import io.feedpipe.producer.ProducerThreads;
import io.feedpipe.schemas.FetchOutcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches an {@code http(s):} feed with one shared Apache HttpClient (classic, blocking: the body is
 * read on the poll thread itself, with no hand-off between threads), following redirects itself so
 * that every hop is checked against the {@link FetchPolicy} (scheme, address) before a byte is sent
 * to it, and connecting only to the addresses that check passed ({@link CheckedDnsResolver}).
 * HTTP/1.1 only: a feed is one small document, for which HTTP/2 buys nothing.
 */
final class HttpFetch implements AutoCloseable {
  // Feeds first, but accept what servers mislabel (text/html, octet-stream): the parser decides.
  private static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, "
          + "text/xml;q=0.9, application/json;q=0.8, */*;q=0.7";
  /** Connections kept for reuse: the poll pool bounds how many are in use at once. */
  private static final int MAX_CONNECTIONS = 1000;
  /** How long a pooled connection may stay idle before it is closed. */
  private static final TimeValue IDLE_CONNECTION = TimeValue.ofSeconds(30);

  /** Name resolution, replaceable in tests. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final CompletableFuture<CloseableHttpClient> client;
  private final ScheduledThreadPoolExecutor timers;
  private final Set<HttpGet> inProgress = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private final FetchPolicy policy;
  private final Resolver resolver;
  private final CheckedDnsResolver dns;
  private final Clock clock;
  private final BytesInFlight inFlight;

  HttpFetch(FetchPolicy policy, Resolver resolver, Clock clock) {
    this.policy = policy;
    // Half the read timeout: a fetch waiting for room must not be mistaken for a silent server.
    this.inFlight = new BytesInFlight(policy.maxBytesInFlight(), policy.readTimeout().dividedBy(2));
    this.resolver = resolver;
    this.dns = new CheckedDnsResolver(resolver, policy.addresses());
    this.clock = clock;
    // One thread aborts the exchanges that outlive the total timeout (a server dripping bytes just
    // faster than the read timeout; the abort closes the socket the poll thread is blocked on) and
    // closes pooled connections left idle.
    this.timers = new ScheduledThreadPoolExecutor(1, ProducerThreads.factory(ProducerThreads.HTTP_PREFIX + "timer-"));
    this.timers.setRemoveOnCancelPolicy(true);
    // Built on a thread of its own, which overlaps with the rest of the producer's start (its Kafka
    // clients, reading feeds.state) instead of preceding it; its TLS is set up by the first https:
    // connection (LazyTlsStrategy).
    this.client = CompletableFuture.supplyAsync(this::build, HttpFetch::startBuilder);
  }

  private CloseableHttpClient build() {
    Timeout read = Timeout.of(policy.readTimeout());
    PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDnsResolver(dns)
        .setTlsSocketStrategy(new LazyTlsStrategy())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(policy.connectTimeout()))
            .setSocketTimeout(read)
            .build())
        .setMaxConnTotal(MAX_CONNECTIONS)
        .setMaxConnPerRoute(MAX_CONNECTIONS)
        .build();
    // A kept-alive connection is worth keeping for the next fetch from its host within a round; one
    // idle longer holds a file descriptor for nothing (servers close theirs after seconds to minutes).
    timers.scheduleWithFixedDelay(() -> {
      connections.closeExpired();
      connections.closeIdle(IDLE_CONNECTION);
    }, IDLE_CONNECTION.toSeconds(), IDLE_CONNECTION.toSeconds(), TimeUnit.SECONDS);
    return HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom()
            .setResponseTimeout(read)
            // No "Upgrade: TLS" offer on plain http (through a proxy the client would make one,
            // which some proxies refuse).
            .setProtocolUpgradeEnabled(false)
            .build())
        // The JVM's proxy settings (http.proxyHost, https.proxyHost, …), as the JDK's own clients
        // honour them; the proxy chosen is exempt from the address check (CheckedDnsResolver).
        .setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()) {
          @Override
          protected HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
            HttpHost proxy = super.determineProxy(target, context);
            if (proxy != null) {
              dns.exempt(proxy.getHostName());
            }
            return proxy;
          }
        })
        // Redirects are followed by fetch() itself: the client would follow them to any address.
        .disableRedirectHandling()
        // A failed fetch is an outcome of the poll, retried by the schedule; the one exception is a
        // kept-alive connection the server closed as it was reused (StaleConnectionRetry).
        .setRetryStrategy(new StaleConnectionRetry())
        // Bodies are decompressed by fetched(), under the size limit.
        .disableContentCompression()
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
  }

  private static void startBuilder(Runnable build) {
    ProducerThreads.newThread(ProducerThreads.HTTP_PREFIX + "client-build", build).start();
  }

  /** The client, once built (at once after the first fetch). */
  private CloseableHttpClient client() {
    try {
      return client.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("the HTTP client could not be built: " + e.getCause(), e.getCause());
    }
  }

  FetchResult fetch(URI url, Validators previous) {
    // The bytes this fetch reads count against the shared budget until its result is made.
    try (BytesInFlight.Reservation reservation = inFlight.open("body of " + url)) {
      return fetch(url, previous, reservation);
    }
  }

  /** Aborts the exchanges in progress and closes the client's connections; no fetch may follow. */
  @Override
  public void close() {
    closed = true;
    inProgress.forEach(HttpGet::cancel);
    CloseableHttpClient built = client.exceptionally(e -> null).join();
    if (built != null) {
      built.close(CloseMode.IMMEDIATE);
    }
    timers.shutdownNow();
  }

  /** The budget shared by this client's fetches. */
  BytesInFlight bytesInFlight() {
    return inFlight;
  }

  private FetchResult fetch(URI url, Validators previous, BytesInFlight.Reservation reservation) {
    long deadline = System.nanoTime() + policy.totalTimeout().toNanos();
    List<URI> chain = new ArrayList<>();
    Set<URI> seen = new LinkedHashSet<>();
    URI current = url;
    seen.add(current);
    boolean allPermanent = true;
    for (int hop = 0; ; hop++) {
      Optional<String> refused = checkTarget(current, chain.isEmpty() ? null : chain.get(chain.size() - 1));
      if (refused.isPresent()) {
        return new FetchResult.Failed(FetchOutcome.REFUSED_BY_POLICY, null, describeChain(url, chain, current) + ": refused by policy: " + refused.get());
      }
      Exchange exchange = exchange(current, previous, deadline, reservation);
      if (exchange.failure() != null) {
        return exchange.failure();
      }
      Response response = exchange.response();
      int status = response.status();
      if (!isRedirect(status)) {
        return toResult(current, response, hop > 0 && allPermanent ? current : null);
      }
      Optional<String> location = Optional.ofNullable(response.header("Location"));
      if (location.isEmpty()) {
        return new FetchResult.Failed(FetchOutcome.REDIRECTED, status, current + ": HTTP " + status + " redirect without a Location");
      }
      URI next;
      try {
        next = current.resolve(location.get().strip());
      } catch (IllegalArgumentException e) {
        return new FetchResult.Failed(FetchOutcome.REDIRECTED, status, current + ": HTTP " + status + " to an unparsable Location '" + location.get() + "'");
      }
      chain.add(current);
      if (!seen.add(next)) {
        return new FetchResult.Failed(FetchOutcome.REDIRECTED, status, "redirect loop: " + String.join(" → ", chain.stream().map(URI::toString).toList()) + " → " + next);
      }
      if (hop >= policy.maxRedirects()) {
        return new FetchResult.Failed(FetchOutcome.REDIRECTED, status,
            url + ": more than " + policy.maxRedirects() + " redirects (the last to " + next + ")");
      }
      allPermanent &= status == 301 || status == 308;
      current = next;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static String describeChain(URI first, List<URI> chain, URI current) {
    return chain.isEmpty() ? current.toString() : first + " redirected to " + current;
  }

  /**
   * Scheme and address checks of one hop, before a byte is sent to it. The addresses are checked
   * again by {@link CheckedDnsResolver} when the client connects, and the connection goes to the
   * addresses that check passed.
   */
  private Optional<String> checkTarget(URI target, URI from) {
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("scheme '" + scheme + "' is not allowed" + (from == null ? "" : " as a redirect target (from " + from + ")")
          + "; only http and https are fetched over the network");
    }
    if (from != null && "https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
      return Optional.of("redirect from https to http (" + from + " → " + target + ") would downgrade security");
    }
    String host = target.getHost();
    if (host == null || host.isBlank()) {
      return Optional.of("URL has no host");
    }
    try {
      return dns.refusal(host, resolver.resolve(host));
    } catch (UnknownHostException e) {
      return Optional.empty(); // the connection attempt reports it as UNREACHABLE
    }
  }

  /** A response whose body, when the status is a success, has been read whole. */
  private record Response(int status, Header[] headers, byte[] body) {
    String header(String name) {
      for (Header header : headers) {
        if (header.getName().equalsIgnoreCase(name)) {
          return header.getValue();
        }
      }
      return null;
    }
  }

  private record Exchange(Response response, FetchResult failure) {}

  private Exchange exchange(URI url, Validators previous, long deadline, BytesInFlight.Reservation reservation) {
    HttpGet request;
    try {
      request = request(url, previous);
    } catch (IllegalArgumentException e) {
      return new Exchange(null, new FetchResult.Failed(FetchOutcome.REFUSED_BY_POLICY, null, url + ": not a usable URL (" + e.getMessage() + ")"));
    }
    long totalLeft = deadline - System.nanoTime();
    if (totalLeft <= 0) {
      return new Exchange(null, timedOut(url, "no complete response within " + policy.totalTimeout().toMillis() + " ms"));
    }
    boolean headersSeen = false;
    AtomicBoolean expired = new AtomicBoolean(); // set by the alarm at the total timeout, before it cancels
    ScheduledFuture<?> alarm = null;
    ClassicHttpResponse response = null;
    inProgress.add(request);
    try {
      alarm = timers.schedule(() -> {
        expired.set(true);
        request.cancel();
      }, totalLeft, TimeUnit.NANOSECONDS);
      response = client().executeOpen(null, request, null);
      headersSeen = true;
      int status = response.getCode();
      byte[] body = null;
      HttpEntity entity = response.getEntity();
      if (HttpOutcomes.isSuccess(status)) {
        // The compressed body is limited too: what cannot inflate to less than the limit is not worth reading.
        InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
        try {
          body = LimitedBodyReader.read(in, policy.maxBodyBytes(), "body of " + url, entity == null ? 0 : entity.getContentLength(), reservation);
        } catch (IOException | InterruptedException | RuntimeException e) {
          // Cut the connection: closing the body's stream would first read the rest of it (of a
          // body too large, or endless, up to the total timeout).
          request.cancel();
          throw e;
        }
        in.close(); // at its end: nothing left to read, the connection goes back to the pool
      } else if (entity != null) {
        // An error page or a redirect body is of no use to us: not read, the connection is cut.
        request.cancel();
      }
      return new Exchange(new Response(status, response.getHeaders(), body), null);
    } catch (RejectedExecutionException e) { // the timer is stopped: close() ran
      return new Exchange(null, stopped(url));
    } catch (IOException | RuntimeException e) {
      if (expired.get()) {
        return new Exchange(null, timedOut(url, "no complete response within " + policy.totalTimeout().toMillis() + " ms"));
      }
      if (closed && request.isCancelled()) {
        return new Exchange(null, stopped(url));
      }
      return new Exchange(null, failure(url, e, headersSeen));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Exchange(null, new FetchResult.Failed(FetchOutcome.UNKNOWN, null, url + ": fetch interrupted"));
    } finally {
      if (alarm != null) {
        alarm.cancel(false);
      }
      inProgress.remove(request);
      closeQuietly(response);
    }
  }

  private static FetchResult stopped(URI url) {
    return new FetchResult.Failed(FetchOutcome.UNKNOWN, null, url + ": fetch stopped (the producer is closing)");
  }

  private static void closeQuietly(ClassicHttpResponse response) {
    if (response != null) {
      try {
        response.close(); // read to its end, or cut above: nothing is read here
      } catch (IOException ignored) {
        // the exchange's outcome is decided; a failing close changes nothing about it
      }
    }
  }

  private HttpGet request(URI url, Validators previous) {
    HttpGet request = new HttpGet(url);
    request.setHeader("User-Agent", policy.userAgent());
    request.setHeader("Accept", ACCEPT);
    // We ask only for what fetched() can decode.
    request.setHeader("Accept-Encoding", "gzip, deflate");
    if (previous.etag() != null) {
      request.setHeader("If-None-Match", previous.etag());
    }
    if (previous.lastModified() != null) {
      request.setHeader("If-Modified-Since", previous.lastModified());
    }
    return request;
  }

  private FetchResult toResult(URI url, Response response, URI movedTo) {
    int status = response.status();
    Instant now = clock.instant();
    if (HttpOutcomes.isSuccess(status)) {
      return fetched(url, response, movedTo, freshFor(response, now));
    }
    FetchOutcome outcome = HttpOutcomes.outcomeOf(status);
    Optional<String> retryAfterHeader = Optional.ofNullable(response.header("Retry-After"));
    Instant retryAt = HttpDates.retryAfter(retryAfterHeader.orElse(null), now).orElse(null);
    String retry = retryAfterHeader.map(after -> " (Retry-After: " + after + ")").orElse("");
    return switch (outcome) {
      case NOT_MODIFIED -> new FetchResult.NotModified(status, freshFor(response, now));
      case RATE_LIMITED -> new FetchResult.Failed(outcome, status, url + ": HTTP 429 Too Many Requests" + retry, retryAt);
      case SERVER_ERROR -> new FetchResult.Failed(outcome, status, url + ": HTTP " + status + retry, status == 503 ? retryAt : null);
      default -> new FetchResult.Failed(outcome, status, url + ": HTTP " + status);
    };
  }

  private static Duration freshFor(Response response, Instant now) {
    return HttpDates.freshFor(response.header("Cache-Control"), response.header("Expires"), response.header("Date"), now).orElse(null);
  }

  private FetchResult fetched(URI url, Response response, URI movedTo, Duration freshFor) {
    int status = response.status();
    String contentEncoding = response.header("Content-Encoding");
    String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    byte[] body;
    try {
      body = switch (encoding) {
        case "identity", "" -> response.body();
        // The limit applies to the decompressed bytes: a few KB of gzip can inflate to GBs.
        case "gzip", "x-gzip" -> LimitedBytes.readAll(new GZIPInputStream(new ByteArrayInputStream(response.body())),
            policy.maxBodyBytes(), "gzip-decompressed body of " + url);
        case "deflate" -> inflate(url, response.body());
        default -> null;
      };
    } catch (BodyTooLargeException e) {
      return new FetchResult.Failed(FetchOutcome.TOO_LARGE, status, e.getMessage());
    } catch (IOException e) {
      return new FetchResult.Failed(FetchOutcome.UNPARSABLE, status, url + ": corrupt " + encoding + " body (" + e.getMessage() + ")");
    }
    if (body == null) {
      return new FetchResult.Failed(
          FetchOutcome.UNPARSABLE, status, url + ": unsupported Content-Encoding '" + encoding + "' (we asked for gzip or deflate)");
    }
    Validators next = new Validators(response.header("ETag"), response.header("Last-Modified"));
    return new FetchResult.Fetched(body, response.header("Content-Type"), status, next, movedTo, freshFor);
  }

  /** "deflate" is zlib-wrapped by the RFC, but some servers send raw deflate: try the one, then the other. */
  private byte[] inflate(URI url, byte[] compressed) throws IOException {
    try (InputStream zlib = new InflaterInputStream(new ByteArrayInputStream(compressed), new Inflater(false))) {
      return LimitedBytes.readAll(zlib, policy.maxBodyBytes(), "deflate-decompressed body of " + url);
    } catch (BodyTooLargeException e) {
      throw e;
    } catch (IOException notZlib) {
      try (InputStream raw = new InflaterInputStream(new ByteArrayInputStream(compressed), new Inflater(true))) {
        return LimitedBytes.readAll(raw, policy.maxBodyBytes(), "deflate-decompressed body of " + url);
      }
    }
  }

  private static FetchResult timedOut(URI url, String why) {
    return new FetchResult.Failed(FetchOutcome.TIMED_OUT, null, url + ": " + why);
  }

  /**
   * Maps what went wrong below HTTP to an outcome. The telling exception may be wrapped, so the
   * whole cause chain is searched, most specific kind first.
   */
  private FetchResult failure(URI url, Throwable error, boolean headersSeen) {
    Throwable cause;
    if ((cause = find(error, BytesInFlightException.class)) != null) {
      // Larger than the whole budget: like any too-large body. Budget busy: a wait that ran out.
      return new FetchResult.Failed(((BytesInFlightException) cause).largerThanBudget() ? FetchOutcome.TOO_LARGE : FetchOutcome.TIMED_OUT,
          null, cause.getMessage());
    }
    if ((cause = find(error, BodyTooLargeException.class)) != null) {
      return new FetchResult.Failed(FetchOutcome.TOO_LARGE, null, cause.getMessage());
    }
    if ((cause = find(error, CheckedDnsResolver.AddressRefusedException.class)) != null) {
      return new FetchResult.Failed(FetchOutcome.REFUSED_BY_POLICY, null, url + ": refused by policy: " + cause.getMessage());
    }
    if (find(error, ConnectTimeoutException.class) != null) {
      return timedOut(url, "no connection within " + policy.connectTimeout().toMillis() + " ms");
    }
    if (find(error, SocketTimeoutException.class) != null) {
      return timedOut(url, headersSeen ? "no data for " + policy.readTimeout().toMillis() + " ms"
          : "no response within " + policy.readTimeout().toMillis() + " ms");
    }
    if (find(error, UnknownHostException.class) != null) {
      return unreachable(url, "unknown host " + url.getHost());
    }
    if ((cause = find(error, NoRouteToHostException.class)) != null || (cause = find(error, ConnectException.class)) != null) {
      // The client's message is "Connect to <url> [<addresses>] failed: <the JDK's reason>": the reason is what tells.
      String message = cause.getMessage() == null ? "connection refused" : cause.getMessage();
      String why = message.substring(message.lastIndexOf("failed: ") < 0 ? 0 : message.lastIndexOf("failed: ") + "failed: ".length())
          .toLowerCase(Locale.ROOT);
      return unreachable(url, "cannot connect to " + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()) + " (" + why + ")");
    }
    if ((cause = find(error, SSLException.class)) != null) {
      return unreachable(url, "TLS failed (" + describe(cause) + ")");
    }
    if (find(error, IOException.class) != null) {
      return unreachable(url, "I/O error (" + describe(error) + ")");
    }
    return new FetchResult.Failed(FetchOutcome.UNKNOWN, null, url + ": " + describe(error));
  }

  private static Throwable find(Throwable error, Class<? extends Throwable> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return cause;
      }
    }
    return null;
  }

  private static FetchResult unreachable(URI url, String cause) {
    return new FetchResult.Failed(FetchOutcome.UNREACHABLE, null, url + ": " + cause);
  }

  /** The first message in the chain, else the innermost exception's name. */
  private static String describe(Throwable error) {
    Throwable innermost = error;
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        return cause.getMessage();
      }
      innermost = cause;
    }
    return innermost.getClass().getSimpleName();
  }
}

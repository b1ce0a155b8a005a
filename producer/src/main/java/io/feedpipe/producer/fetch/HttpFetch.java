package io.feedpipe.producer.fetch;

import io.feedpipe.producer.ProducerThreads;
import io.feedpipe.schemas.FetchOutcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLException;

/**
 * Fetches an {@code http(s):} feed with one shared {@link HttpClient}, following redirects itself
 * so that every hop is checked against the {@link FetchPolicy} (scheme, address) before a byte is
 * sent to it.
 */
final class HttpFetch implements AutoCloseable {
  // Feeds first, but accept what servers mislabel (text/html, octet-stream): the parser decides.
  private static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, "
          + "text/xml;q=0.9, application/json;q=0.8, */*;q=0.7";

  /** Name resolution, replaceable in tests. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final CompletableFuture<HttpClient> client;
  private final ExecutorService executor;
  private final FetchPolicy policy;
  private final Resolver resolver;
  private final Clock clock;
  private final BytesInFlight inFlight;

  HttpFetch(FetchPolicy policy, Resolver resolver, Clock clock) {
    this.policy = policy;
    // Half the read timeout: a fetch waiting for room must not be mistaken for a silent server.
    this.inFlight = new BytesInFlight(policy.maxBytesInFlight(), policy.readTimeout().dividedBy(2));
    this.resolver = resolver;
    this.clock = clock;
    // Named threads (instead of the JDK's default pool) so they can be told apart: see ProducerThreads.
    this.executor = Executors.newCachedThreadPool(ProducerThreads.factory(ProducerThreads.HTTP_PREFIX));
    // Built on a thread of its own: building a client loads the JDK's trusted certificates
    // (SSLContext.getDefault(), a tenth of a second of one core), which then overlaps with the rest
    // of the producer's start (its Kafka clients, reading feeds.state) instead of preceding it.
    this.client = CompletableFuture.supplyAsync(() -> HttpClient.newBuilder()
        // Redirects are followed by fetch() itself: the client would follow them to any address.
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(policy.connectTimeout())
        .executor(executor)
        .build(), HttpFetch::startBuilder);
  }

  private static void startBuilder(Runnable build) {
    ProducerThreads.newThread(ProducerThreads.HTTP_PREFIX + "client-build", build).start();
  }

  /** The client, once built (at once after the first fetch). */
  private HttpClient client() {
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

  /** Stops the client's threads; no fetch may follow. */
  @Override
  public void close() {
    HttpClient built = client.exceptionally(e -> null).join();
    if (built != null) {
      HttpClientStop.stop(built);
    }
    executor.shutdown();
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
      HttpResponse<byte[]> response = exchange.response();
      int status = response.statusCode();
      if (!isRedirect(status)) {
        return toResult(current, response, hop > 0 && allPermanent ? current : null);
      }
      Optional<String> location = response.headers().firstValue("Location");
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
   * Scheme and address checks of one hop. The host's addresses are resolved and every one must be
   * allowed. The HTTP client then resolves the name again to connect: a DNS server answering with
   * a TTL of 0 could hand out a public address to this check and a private one to the connection
   * (DNS rebinding). Closing that gap needs connecting to the checked address itself, which the
   * JDK client cannot do for https without losing SNI and certificate checks; the residual risk is
   * documented in docs/fetching.md (run the producer where private services need authentication,
   * or behind an egress proxy that enforces the same policy).
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
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.empty(); // the connection attempt reports it as UNREACHABLE
    }
    for (InetAddress address : addresses) {
      Optional<String> refusal = policy.addresses().refusal(address);
      if (refusal.isPresent()) {
        return Optional.of("host " + host + " resolves to " + refusal.get() + " (allow it with producer.allowed-networks)");
      }
    }
    return Optional.empty();
  }

  private record Exchange(HttpResponse<byte[]> response, FetchResult failure) {}

  private Exchange exchange(URI url, Validators previous, long deadline, BytesInFlight.Reservation reservation) {
    AtomicLong activity = new AtomicLong(System.nanoTime());
    HttpRequest request;
    try {
      request = request(url, previous);
    } catch (IllegalArgumentException e) {
      return new Exchange(null, new FetchResult.Failed(FetchOutcome.REFUSED_BY_POLICY, null, url + ": not a usable URL (" + e.getMessage() + ")"));
    }
    CompletableFuture<HttpResponse<byte[]>> response = client().sendAsync(request, info -> bodyOf(url, info, activity, reservation));
    try {
      while (true) {
        long now = System.nanoTime();
        long totalLeft = deadline - now;
        long idleLeft = activity.get() + policy.readTimeout().toNanos() - now;
        if (totalLeft <= 0) {
          response.cancel(true); // since JDK 16 this aborts the exchange
          return new Exchange(null, timedOut(url, "no complete response within " + policy.totalTimeout().toMillis() + " ms"));
        }
        if (idleLeft <= 0) {
          response.cancel(true);
          return new Exchange(null, timedOut(url, "no data for " + policy.readTimeout().toMillis() + " ms"));
        }
        try {
          return new Exchange(response.get(Math.min(totalLeft, idleLeft), TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException e) {
          // loop: either a deadline passed, or bytes arrived meanwhile and the read timeout restarts
        }
      }
    } catch (ExecutionException e) {
      return new Exchange(null, failure(url, e.getCause()));
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      return new Exchange(null, new FetchResult.Failed(FetchOutcome.UNKNOWN, null, url + ": fetch interrupted"));
    }
  }

  private HttpRequest request(URI url, Validators previous) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .GET()
            // Covers the wait for the response headers; the body is watched by exchange().
            .timeout(policy.readTimeout())
            .header("User-Agent", policy.userAgent())
            .header("Accept", ACCEPT)
            // HttpClient does not decompress by itself; we ask only for what we can decode.
            .header("Accept-Encoding", "gzip, deflate");
    if (previous.etag() != null) {
      request.header("If-None-Match", previous.etag());
    }
    if (previous.lastModified() != null) {
      request.header("If-Modified-Since", previous.lastModified());
    }
    return request.build();
  }

  private BodySubscriber<byte[]> bodyOf(URI url, HttpResponse.ResponseInfo info, AtomicLong activity, BytesInFlight.Reservation reservation) {
    activity.set(System.nanoTime());
    if (!HttpOutcomes.isSuccess(info.statusCode())) {
      return BodySubscribers.replacing(new byte[0]); // an error page or a redirect body is of no use to us
    }
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    // The compressed body is limited too: what cannot inflate to less than the limit is not worth reading.
    return new LimitedBodySubscriber(policy.maxBodyBytes(), "body of " + url, declared, activity, reservation);
  }

  private FetchResult toResult(URI url, HttpResponse<byte[]> response, URI movedTo) {
    int status = response.statusCode();
    HttpHeaders headers = response.headers();
    Instant now = clock.instant();
    if (HttpOutcomes.isSuccess(status)) {
      return fetched(url, response, movedTo, freshFor(headers, now));
    }
    FetchOutcome outcome = HttpOutcomes.outcomeOf(status);
    Optional<String> retryAfterHeader = headers.firstValue("Retry-After");
    Instant retryAt = HttpDates.retryAfter(retryAfterHeader.orElse(null), now).orElse(null);
    String retry = retryAfterHeader.map(after -> " (Retry-After: " + after + ")").orElse("");
    return switch (outcome) {
      case NOT_MODIFIED -> new FetchResult.NotModified(status, freshFor(headers, now));
      case RATE_LIMITED -> new FetchResult.Failed(outcome, status, url + ": HTTP 429 Too Many Requests" + retry, retryAt);
      case SERVER_ERROR -> new FetchResult.Failed(outcome, status, url + ": HTTP " + status + retry, status == 503 ? retryAt : null);
      default -> new FetchResult.Failed(outcome, status, url + ": HTTP " + status);
    };
  }

  private static Duration freshFor(HttpHeaders headers, Instant now) {
    return HttpDates.freshFor(
        headers.firstValue("Cache-Control").orElse(null),
        headers.firstValue("Expires").orElse(null),
        headers.firstValue("Date").orElse(null),
        now).orElse(null);
  }

  private FetchResult fetched(URI url, HttpResponse<byte[]> response, URI movedTo, Duration freshFor) {
    int status = response.statusCode();
    String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").strip().toLowerCase(Locale.ROOT);
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
    Validators next =
        new Validators(response.headers().firstValue("ETag").orElse(null), response.headers().firstValue("Last-Modified").orElse(null));
    return new FetchResult.Fetched(body, response.headers().firstValue("Content-Type").orElse(null), status, next, movedTo, freshFor);
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
   * Maps what went wrong below HTTP to an outcome. The JDK wraps the telling exception (e.g. an
   * UnresolvedAddressException inside a ConnectException), so the whole cause chain is searched,
   * most specific kind first.
   */
  private FetchResult failure(URI url, Throwable error) {
    Throwable cause;
    if ((cause = find(error, BytesInFlightException.class)) != null) {
      // Larger than the whole budget: like any too-large body. Budget busy: a wait that ran out.
      return new FetchResult.Failed(((BytesInFlightException) cause).largerThanBudget() ? FetchOutcome.TOO_LARGE : FetchOutcome.TIMED_OUT,
          null, cause.getMessage());
    }
    if ((cause = find(error, BodyTooLargeException.class)) != null) {
      return new FetchResult.Failed(FetchOutcome.TOO_LARGE, null, cause.getMessage());
    }
    if (find(error, HttpTimeoutException.class) != null) { // covers HttpConnectTimeoutException
      return timedOut(url, "no response within " + policy.readTimeout().toMillis() + " ms");
    }
    if (find(error, UnresolvedAddressException.class) != null || find(error, UnknownHostException.class) != null) {
      return unreachable(url, "unknown host " + url.getHost());
    }
    if ((cause = find(error, NoRouteToHostException.class)) != null || (cause = find(error, ConnectException.class)) != null) {
      // The JDK reports a refused connection as a ConnectException without message over a ClosedChannelException.
      String why = cause.getMessage() == null ? "connection refused" : cause.getMessage();
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

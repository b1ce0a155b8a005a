package io.feedpipe.producer.fetch;

import io.feedpipe.schemas.FetchOutcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLException;

/** Fetches an {@code http(s):} feed with one shared {@link HttpClient}. */
final class HttpFetch {
  // Feeds first, but accept what servers mislabel (text/html, octet-stream): the parser decides.
  private static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";
  // A host that has not accepted a connection in 10 s is down; no need to wait the whole timeout.
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;
  private final Duration timeout;
  private final long maxBodyBytes;
  private final String userAgent;

  HttpFetch(Duration timeout, long maxBodyBytes, String userAgent) {
    this.timeout = timeout;
    this.maxBodyBytes = maxBodyBytes;
    this.userAgent = userAgent;
    this.client =
        HttpClient.newBuilder()
            // NORMAL follows redirects except https → http, which would downgrade security.
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
            .build();
  }

  FetchResult fetch(URI url, Validators previous) {
    CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request(url, previous), info -> bodyOf(url, info));
    try {
      // HttpRequest.timeout() only covers the wait for the headers; this deadline covers the body too,
      // so a server trickling bytes cannot hold a poll thread forever.
      return toResult(url, response.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      response.cancel(true); // since JDK 16 this aborts the exchange
      return timedOut(url);
    } catch (ExecutionException e) {
      return failure(url, e.getCause());
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      return new FetchResult.Failed(FetchOutcome.UNKNOWN, null, url + ": fetch interrupted");
    }
  }

  private HttpRequest request(URI url, Validators previous) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .GET()
            .timeout(timeout)
            .header("User-Agent", userAgent)
            .header("Accept", ACCEPT)
            // HttpClient does not decompress by itself; we ask only for what we can decode.
            .header("Accept-Encoding", "gzip");
    if (previous.etag() != null) {
      request.header("If-None-Match", previous.etag());
    }
    if (previous.lastModified() != null) {
      request.header("If-Modified-Since", previous.lastModified());
    }
    return request.build();
  }

  private BodySubscriber<byte[]> bodyOf(URI url, HttpResponse.ResponseInfo info) {
    if (!HttpOutcomes.isSuccess(info.statusCode())) {
      return BodySubscribers.replacing(new byte[0]); // an error page is of no use to us
    }
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new LimitedBodySubscriber(maxBodyBytes, "body of " + url, declared);
  }

  private FetchResult toResult(URI url, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (HttpOutcomes.isSuccess(status)) {
      return fetched(url, response);
    }
    FetchOutcome outcome = HttpOutcomes.outcomeOf(status);
    return switch (outcome) {
      case NOT_MODIFIED -> new FetchResult.NotModified(status);
      case RATE_LIMITED -> new FetchResult.Failed(outcome, status, url + ": HTTP 429 Too Many Requests"
          + response.headers().firstValue("Retry-After").map(after -> " (Retry-After: " + after + ")").orElse(""));
      case REDIRECTED -> new FetchResult.Failed(outcome, status, url + ": HTTP " + status + " redirect to "
          + response.headers().firstValue("Location").orElse("(no Location)") + " was not followed");
      default -> new FetchResult.Failed(outcome, status, url + ": HTTP " + status);
    };
  }

  private FetchResult fetched(URI url, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").strip().toLowerCase(Locale.ROOT);
    byte[] body;
    switch (encoding) {
      case "identity", "" -> body = response.body();
      case "gzip", "x-gzip" -> {
        try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
          // The limit applies to the decompressed bytes too: a few KB of gzip can inflate to GBs.
          body = LimitedBytes.readAll(gunzip, maxBodyBytes, "gzip-decompressed body of " + url);
        } catch (BodyTooLargeException e) {
          return new FetchResult.Failed(FetchOutcome.TOO_LARGE, status, e.getMessage());
        } catch (IOException e) {
          return new FetchResult.Failed(FetchOutcome.UNPARSABLE, status, url + ": corrupt gzip body (" + e.getMessage() + ")");
        }
      }
      default -> {
        return new FetchResult.Failed(
            FetchOutcome.UNPARSABLE, status, url + ": unsupported Content-Encoding '" + encoding + "' (we asked for gzip)");
      }
    }
    Validators next =
        new Validators(response.headers().firstValue("ETag").orElse(null), response.headers().firstValue("Last-Modified").orElse(null));
    return new FetchResult.Fetched(body, response.headers().firstValue("Content-Type").orElse(null), status, next);
  }

  private FetchResult timedOut(URI url) {
    return new FetchResult.Failed(FetchOutcome.TIMED_OUT, null, url + ": no complete response within " + timeout.toMillis() + " ms");
  }

  /**
   * Maps what went wrong below HTTP to an outcome. The JDK wraps the telling exception (e.g. an
   * UnresolvedAddressException inside a ConnectException), so the whole cause chain is searched,
   * most specific kind first.
   */
  private FetchResult failure(URI url, Throwable error) {
    Throwable cause;
    if ((cause = find(error, BodyTooLargeException.class)) != null) {
      return new FetchResult.Failed(FetchOutcome.TOO_LARGE, null, cause.getMessage());
    }
    if (find(error, HttpTimeoutException.class) != null) { // covers HttpConnectTimeoutException
      return timedOut(url);
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

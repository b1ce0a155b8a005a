package io.feedpipe.producer.fetch;

import java.io.IOException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Sends a feed's GET once more, at once, when the server closed the connection without a response:
 * what a kept-alive connection the server dropped just as it was reused looks like. Nothing else is
 * retried on the spot (a status, a timeout, a refused connection): the poll's outcome and the
 * schedule's backoff handle those.
 */
final class StaleConnectionRetry implements HttpRequestRetryStrategy {
  @Override
  public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
    return execCount <= 1 && exception instanceof NoHttpResponseException && "GET".equals(request.getMethod());
  }

  @Override
  public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
    return false;
  }

  @Override
  public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
    return TimeValue.ZERO_MILLISECONDS;
  }

  @Override
  public TimeValue getRetryInterval(HttpRequest request, IOException exception, int execCount, HttpContext context) {
    return TimeValue.ZERO_MILLISECONDS;
  }
}

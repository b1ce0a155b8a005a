package io.feedpipe.web.http;

import com.sun.net.httpserver.Headers;

/**
 * Headers every response carries. The policy allows our stylesheet and images over http(s) (posts
 * show pictures; the cleaner removed tracking pixels and the referrer is never sent) and nothing
 * else: no script at all, no inline style, no frames, forms only to this server. Violations are
 * reported to {@code /csp-report} ({@code report-uri}: browsers send it at once, where the Reporting
 * API's {@code report-to} batches for up to a minute and replaces report-uri where both are given).
 */
public final class SecurityHeaders {
  public static final String REPORT_PATH = "/csp-report";
  public static final String POLICY = "default-src 'none'; style-src 'self'; img-src http: https:; form-action 'self'; "
      + "base-uri 'none'; frame-ancestors 'none'; report-uri " + REPORT_PATH;

  private SecurityHeaders() {}

  public static void apply(Headers headers) {
    headers.set("Content-Security-Policy", POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
  }
}

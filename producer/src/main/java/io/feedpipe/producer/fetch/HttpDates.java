package io.feedpipe.producer.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP header values about time: Retry-After, Cache-Control max-age, Expires. Pure. */
public final class HttpDates {
  private HttpDates() {}

  private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*\"?(\\d{1,10})\"?", Pattern.CASE_INSENSITIVE);
  // RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must accept.
  private static final List<DateTimeFormatter> DATES = List.of(
      DateTimeFormatter.RFC_1123_DATE_TIME,
      DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.ROOT),
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(java.time.ZoneOffset.UTC));

  /** An HTTP-date, or empty when it is not one. */
  public static Optional<Instant> parseDate(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip();
    for (DateTimeFormatter format : DATES) {
      try {
        return Optional.of(ZonedDateTime.parse(v, format).toInstant());
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  /**
   * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
   *
   * @return when to retry; empty when the header is absent or unreadable
   */
  public static Optional<Instant> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.matches("\\d{1,10}")) {
      return Optional.of(now.plusSeconds(Long.parseLong(v)));
    }
    return parseDate(v).map(at -> at.isBefore(now) ? now : at);
  }

  /**
   * How long a response stays fresh: Cache-Control max-age wins over Expires (RFC 9111 §5.3);
   * {@code no-cache}/{@code no-store} say nothing about polling and are ignored.
   *
   * @param date the response's Date header, else null (then "now" is used)
   */
  public static Optional<Duration> freshFor(String cacheControl, String expires, String date, Instant now) {
    if (cacheControl != null) {
      Matcher m = MAX_AGE.matcher(cacheControl);
      if (m.find()) {
        return Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1))));
      }
    }
    if (expires != null) {
      Optional<Instant> at = parseDate(expires);
      if (at.isEmpty()) {
        return Optional.empty(); // RFC 9111 §5.3: an invalid Expires means "already expired"
      }
      Instant base = parseDate(date).orElse(now);
      Duration d = Duration.between(base, at.get());
      return d.isNegative() ? Optional.empty() : Optional.of(d);
    }
    return Optional.empty();
  }
}

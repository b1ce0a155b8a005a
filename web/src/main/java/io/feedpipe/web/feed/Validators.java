package io.feedpipe.web.feed;

import io.feedpipe.schemas.CleanPost;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The validators of a feed response for conditional GET: an ETag over what the document holds
 * (format, title, each entry's id and revision: a new post or an edit changes it, a re-read of the
 * topic does not) and a Last-Modified from when feedpipe saw the newest revision ({@link
 * FeedView#updated()}), never from the dates the feeds claim.
 *
 * @param etag quoted strong entity tag
 * @param lastModified whole seconds
 */
public record Validators(String etag, Instant lastModified) {

  public static Validators of(String format, FeedView view) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
    digest.update((format + '\n' + view.title() + '\n' + view.self() + '\n').getBytes(StandardCharsets.UTF_8));
    for (CleanPost post : view.posts()) {
      digest.update((post.getPostId() + '\u0000' + post.getRevision() + '\n').getBytes(StandardCharsets.UTF_8));
    }
    String tag = '"' + HexFormat.of().formatHex(digest.digest(), 0, 16) + '"';
    return new Validators(tag, view.updated().truncatedTo(ChronoUnit.SECONDS));
  }

  /** IMF-fixdate (RFC 9110 §5.6.7): two-digit day, unlike RFC 1123's formatter. */
  private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
      .withZone(ZoneOffset.UTC);

  /** Last-Modified as HTTP writes it (IMF-fixdate). */
  public String lastModifiedHeader() {
    return IMF_FIXDATE.format(lastModified);
  }

  /**
   * Whether the client's copy is current (answer 304): If-None-Match decides when present (RFC 9110
   * §13.2.2), else If-Modified-Since.
   */
  public boolean notModified(String ifNoneMatch, String ifModifiedSince) {
    if (ifNoneMatch != null) {
      for (String candidate : ifNoneMatch.split(",")) {
        String tag = candidate.strip();
        if (tag.startsWith("W/")) {
          tag = tag.substring(2);
        }
        if (tag.equals("*") || tag.equals(etag)) {
          return true;
        }
      }
      return false;
    }
    if (ifModifiedSince != null) {
      try {
        Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return !lastModified.isAfter(since);
      } catch (DateTimeParseException e) {
        return false; // an unreadable date is ignored, as HTTP says
      }
    }
    return false;
  }
}

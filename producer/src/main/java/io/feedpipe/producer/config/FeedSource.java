package io.feedpipe.producer.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One feed to poll.
 *
 * @param id stable, readable id of the feed; it scopes post ids and keys {@code feeds.status}, so
 *     it must not change while the feed is polled
 * @param url where to fetch the feed: {@code http}, {@code https} or {@code file}
 * @param interval the feed's own poll interval (still bounded by the producer's min/max); null:
 *     adaptive from its posting rate
 */
public record FeedSource(String id, URI url, Duration interval) {

  /** Schemes a feed may use. {@code file:} serves fixtures and local captures. */
  public static final Set<String> ALLOWED_SCHEMES = Set.of("http", "https", "file");

  public FeedSource {
    Objects.requireNonNull(url, "url");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("feed " + url + ": id must not be blank");
    }
    checkScheme(url);
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new IllegalArgumentException("feed " + id + ": interval must be positive, was " + interval);
    }
  }

  public FeedSource(String id, URI url) {
    this(id, url, null);
  }

  /** This feed with its own poll interval (null: adaptive). */
  public FeedSource withInterval(Duration feedInterval) {
    return new FeedSource(id, url, feedInterval);
  }

  /** Whether it is a {@code file:} feed. */
  public boolean isFile() {
    return "file".equalsIgnoreCase(url.getScheme());
  }

  /**
   * A feed whose id is derived from its URL: host, path and query for http(s) (so two feeds on one
   * host differ), the file name without extension for {@code file:}; lowercased, every run of other
   * characters than letters and digits turned into one {@code '-'}.
   *
   * @throws IllegalArgumentException when the URL does not parse, uses another scheme, or yields an
   *     empty id
   */
  public static FeedSource fromUrl(String url) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("feed URL '" + url + "' does not parse: " + e.getMessage(), e);
    }
    checkScheme(uri);
    String id = slug(readablePart(uri));
    if (id.isEmpty()) {
      throw new IllegalArgumentException("feed URL '" + url + "' yields no id; give the feed an id explicitly");
    }
    return new FeedSource(id, uri);
  }

  private static String readablePart(URI uri) {
    if ("file".equalsIgnoreCase(uri.getScheme())) {
      String path = Objects.requireNonNullElse(uri.getPath(), "");
      String name = path.substring(path.lastIndexOf('/') + 1);
      int dot = name.lastIndexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    }
    String query = uri.getRawQuery() == null ? "" : "-" + uri.getRawQuery();
    return uri.getHost() + Objects.requireNonNullElse(uri.getRawPath(), "") + query;
  }

  private static String slug(String text) {
    return text.toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
  }

  private static void checkScheme(URI url) {
    String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null || !ALLOWED_SCHEMES.contains(scheme)) {
      throw new IllegalArgumentException(
          "feed URL '" + url + "' has scheme " + (scheme == null ? "(none)" : "'" + scheme + "'")
              + "; allowed are http, https and file");
    }
    if (!scheme.equals("file") && (url.getHost() == null || url.getHost().isBlank())) {
      throw new IllegalArgumentException("feed URL '" + url + "' has no host");
    }
    if (scheme.equals("file") && (url.getPath() == null || url.getPath().isBlank())) {
      throw new IllegalArgumentException("feed URL '" + url + "' has no file path (use file:///absolute/path)");
    }
  }
}

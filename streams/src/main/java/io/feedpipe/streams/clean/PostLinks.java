package io.feedpipe.streams.clean;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Vets the URLs a CleanPost carries outside its HTML, the post's own link first: readers put it in
 * an {@code href}, so it gets the same scheme rules as links inside the content ({@link UrlPolicy}:
 * a browser's reading of the scheme, control characters refused), and only an absolute http(s) URL
 * with a host is kept. A refused URL is dropped with a note saying why.
 */
public final class PostLinks {

  private PostLinks() {}

  /** The vetted URL (null when dropped or absent) and, when dropped, the note for {@code repairs}. */
  public record Checked(String url, String note) {}

  /**
   * {@code raw}, made absolute against {@code base} when relative, if it is an http(s) URL with a
   * host; else null and a note naming {@code field}.
   */
  public static Checked check(String field, String raw, String base) {
    if (raw == null || raw.isBlank()) {
      return new Checked(null, null);
    }
    String url = UrlPolicy.strip(raw);
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c < ' ' || c == '\u007F') {
        return dropped(field, "has a control character");
      }
    }
    String scheme = UrlPolicy.scheme(url);
    if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
      return dropped(field, "scheme '" + scheme + "' is not allowed");
    }
    if (scheme == null && schemeLike(url)) {
      return dropped(field, "is not a valid URL");
    }
    try {
      URI uri = new URI(url);
      if (!uri.isAbsolute()) {
        String cleanBase = base == null ? null : UrlPolicy.strip(base);
        if (cleanBase == null || !UrlPolicy.isAbsoluteHttp(cleanBase)) {
          return dropped(field, "is relative and there is no http(s) base to resolve it against");
        }
        uri = new URI(cleanBase).resolve(uri);
      }
      String resolved = uri.toString();
      if (!UrlPolicy.isAbsoluteHttp(resolved) || uri.getHost() == null) {
        return dropped(field, "is not an absolute http(s) URL with a host");
      }
      return new Checked(resolved, null);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return dropped(field, "is not a valid URL");
    }
  }

  /** "java script:x", "java%09script:x": a colon before any "/", "?" or "#" that no scheme explains. */
  private static boolean schemeLike(String url) {
    int colon = url.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String head = url.substring(0, colon).toLowerCase(Locale.ROOT);
    return head.indexOf('/') < 0 && head.indexOf('?') < 0 && head.indexOf('#') < 0;
  }

  private static Checked dropped(String field, String why) {
    return new Checked(null, field + ": " + why + ", dropped");
  }
}

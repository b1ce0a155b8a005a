package io.feedpipe.streams.clean;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides which URLs may appear in sanitized HTML, and makes them absolute.
 *
 * <p>The scheme is read the way a browser reads it (WHATWG URL parsing): leading and trailing
 * control characters and spaces are stripped and tabs and newlines removed <em>before</em> the
 * scheme is looked at, so {@code "java\tscript:"} or {@code " javascript:"} cannot slip past. The
 * URL written out is that cleaned form, so what was checked is what the browser gets.
 */
final class UrlPolicy {

  /** Raster images only: an SVG document can carry script. */
  private static final Pattern DATA_IMAGE =
      Pattern.compile(
          "data:image/(?:png|gif|jpe?g|webp|avif|bmp|x-icon);", Pattern.CASE_INSENSITIVE);

  private static final UrlPolicy WITHOUT_BASE = new UrlPolicy(null);

  /** The entry's base URI as given, parsed only when a relative URL needs it (most never do). */
  private final String baseUri;

  private URL base;
  private boolean baseParsed;

  private UrlPolicy(String baseUri) {
    this.baseUri = baseUri;
    this.baseParsed = baseUri == null;
  }

  /** {@code baseUri} may be null or unusable (not http(s)); relative URLs then stay relative. */
  static UrlPolicy forBase(String baseUri) {
    return baseUri == null || baseUri.isBlank() ? WITHOUT_BASE : new UrlPolicy(baseUri);
  }

  /** An {@code a href}: http, https, mailto, or relative. Null when refused. */
  String link(String raw) {
    return resolve(raw, false, true);
  }

  /** An {@code img src}: http, https, relative, or a {@code data:} raster image. */
  String image(String raw) {
    return resolve(raw, true, false);
  }

  /** A {@code cite} of a quote: http, https or relative. */
  String citation(String raw) {
    return resolve(raw, false, false);
  }

  /** True for an absolute http(s) URL, the only kind that counts as an outbound link. */
  static boolean isAbsoluteHttp(String url) {
    String scheme = scheme(url);
    return "http".equals(scheme) || "https".equals(scheme);
  }

  private String resolve(String raw, boolean allowDataImage, boolean allowMailto) {
    String url = strip(raw);
    if (url.isEmpty() || hasControlCharacter(url)) {
      return null; // browsers have differed on what a control character inside a scheme means
    }
    String scheme = scheme(url);
    if (scheme != null) {
      switch (scheme) {
        case "http", "https":
          return url;
        case "mailto":
          return allowMailto ? url : null;
        case "data":
          return allowDataImage && DATA_IMAGE.matcher(url).lookingAt() ? url : null;
        default:
          return null; // javascript:, vbscript:, file:, and whatever else a browser might run
      }
    }
    URL base = base();
    if (base == null || url.startsWith("#")) {
      return url; // a relative URL cannot carry a scheme; in-page anchors stay in-page
    }
    try {
      String absolute = new URL(base, url).toExternalForm();
      // Resolution can only yield the base's scheme, but check what is actually written.
      return isAbsoluteHttp(absolute) ? absolute : null;
    } catch (MalformedURLException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The base as an http(s) URL, or null when there is none or it is unusable. */
  private URL base() {
    if (!baseParsed) {
      baseParsed = true;
      String cleaned = strip(baseUri);
      String scheme = scheme(cleaned);
      if ("http".equals(scheme) || "https".equals(scheme)) {
        try {
          base = new URL(cleaned);
        } catch (MalformedURLException e) {
          base = null;
        }
      }
    }
    return base;
  }

  /**
   * Strips leading and trailing C0 controls and spaces and removes every tab and newline, as the
   * URL standard does before parsing.
   */
  static String strip(String raw) {
    int start = 0;
    int end = raw.length();
    while (start < end && raw.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && raw.charAt(end - 1) <= ' ') {
      end--;
    }
    String url = raw.substring(start, end);
    if (url.indexOf('\t') < 0 && url.indexOf('\n') < 0 && url.indexOf('\r') < 0) {
      return url;
    }
    StringBuilder sb = new StringBuilder(url.length());
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c != '\t' && c != '\n' && c != '\r') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * The lower-cased scheme: an ASCII letter, then letters, digits, "+", "-" or ".", then ":". Null
   * for a relative URL.
   */
  static String scheme(String url) {
    int n = url.length();
    if (n == 0 || !isAsciiLetter(url.charAt(0))) {
      return null;
    }
    for (int i = 1; i < n; i++) {
      char c = url.charAt(i);
      if (c == ':') {
        return url.substring(0, i).toLowerCase(Locale.ROOT);
      }
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
        return null;
      }
    }
    return null;
  }

  private static boolean hasControlCharacter(String url) {
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c < ' ' || c == '\u007F') {
        return true;
      }
    }
    return false;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}

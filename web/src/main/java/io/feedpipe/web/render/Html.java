package io.feedpipe.web.render;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Escaping for the server-rendered page. Every value from a post goes through one of these before
 * it reaches the page; the only markup a post contributes is its sanitized HTML, inserted as is.
 */
public final class Html {
  private Html() {}

  /**
   * {@code value} as text, safe in element content and in a quoted attribute value: {@code & < > " '}
   * become character references. Null becomes the empty string.
   */
  public static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String ref = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (ref != null) {
        if (out == null) {
          out = new StringBuilder(value.length() + 16).append(value, 0, i);
        }
        out.append(ref);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? value : out.toString();
  }

  /**
   * {@code url} when it is an absolute http(s) URL, else null: a link from a post is only ever made
   * to the web (never {@code javascript:}, {@code data:} or a path on this server).
   */
  public static String httpUrl(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toASCIIString() : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** {@code value} percent-encoded as one URL path segment (a '/' in a feed id stays inside it). */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code value} percent-encoded as a query parameter value. */
  public static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

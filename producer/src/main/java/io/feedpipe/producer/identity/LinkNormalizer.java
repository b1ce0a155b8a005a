package io.feedpipe.producer.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Normalizes a link so that cosmetic variants of one URL compare equal: scheme and host
 * lowercased, default port, fragment and trailing slash dropped, tracking parameters ({@code
 * utm_*}, {@code fbclid}, {@code gclid}) removed. The path and the other parameters keep their case
 * and order: servers may treat them as significant. Pure.
 */
public final class LinkNormalizer {
  private LinkNormalizer() {}

  /** The normalized link; a link that is not a parsable absolute URI comes back stripped, else unchanged. */
  public static String normalize(String link) {
    String trimmed = link.strip();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      return trimmed;
    }
    if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
      return trimmed;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(trimmed.length()).append(scheme).append("://");
    if (uri.getRawUserInfo() != null) {
      out.append(uri.getRawUserInfo()).append('@');
    }
    out.append(uri.getHost() == null ? uri.getRawAuthority().toLowerCase(Locale.ROOT) : uri.getHost().toLowerCase(Locale.ROOT));
    if (uri.getPort() != -1 && uri.getPort() != defaultPort(scheme)) {
      out.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    out.append(path);
    String query = withoutTracking(uri.getRawQuery());
    if (!query.isEmpty()) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  private static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      default -> -1;
    };
  }

  private static String withoutTracking(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String parameter : rawQuery.split("&")) {
      String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (!parameter.isEmpty() && !isTracking(name)) {
        kept.add(parameter);
      }
    }
    return String.join("&", kept);
  }

  private static boolean isTracking(String name) {
    return name.startsWith("utm_") || name.equals("fbclid") || name.equals("gclid");
  }
}

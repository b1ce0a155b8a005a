package io.feedpipe.streams.clean;

import java.util.Locale;
import java.util.Set;

/**
 * What tracks readers: query parameters that only identify a campaign or a click, and images that
 * exist only to report that a post was opened (1×1 pixels, known tracker hosts). Lists after
 * Miniflux's sanitizer, the reference for feed readers.
 *
 * <p>Stripping tracking parameters also keeps them out of the content hash's way: the text never
 * holds URLs, and the links and images of the HTML no longer differ between two polls that differ
 * only in campaign tags.
 */
public final class Trackers {

  /** Parameters removed from links and image URLs, besides every {@code utm_*}. */
  private static final Set<String> PARAMETERS =
      Set.of(
          "fbclid", "gclid", "dclid", "gbraid", "wbraid", "gclsrc", "msclkid", "yclid", "twclid", "ttclid", "igshid",
          "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hssc", "__hstc", "__hsfp", "hsctatracking", "mkt_tok", "oly_anon_id",
          "oly_enc_id", "rb_clickid", "s_cid", "vero_conv", "vero_id", "wickedid", "_openstat", "__s", "srsltid",
          "ml_subscriber", "ml_subscriber_hash", "spm");

  /** Hosts (and their subdomains) whose images are tracking beacons, not content. */
  private static final Set<String> PIXEL_HOSTS =
      Set.of(
          "feeds.feedburner.com", "feedproxy.google.com", "feedsportal.com", "feedblitz.com", "pixel.wp.com",
          "stats.wordpress.com", "google-analytics.com", "googletagmanager.com", "doubleclick.net",
          "pixel.quantserve.com", "scorecardresearch.com", "bat.bing.com", "analytics.twitter.com", "pixel.mathtag.com",
          "ct.pinterest.com", "px.ads.linkedin.com", "pixel.facebook.com", "list-manage.com", "mailchimp.com",
          "open.substack.com");

  private Trackers() {}

  /**
   * {@code url} without tracking query parameters; the rest of the query, in order, and the
   * fragment are kept. Returns {@code url} itself when it has nothing to remove (most URLs: the
   * common case costs one {@code indexOf}).
   */
  public static String stripParameters(String url) {
    if (url == null) {
      return null;
    }
    int query = url.indexOf('?');
    if (query < 0) {
      return url;
    }
    int fragment = url.indexOf('#', query);
    int end = fragment < 0 ? url.length() : fragment;
    String[] parameters = url.substring(query + 1, end).split("&", -1);
    StringBuilder kept = new StringBuilder(url.length()).append(url, 0, query);
    boolean removed = false;
    char separator = '?';
    for (String parameter : parameters) {
      int eq = parameter.indexOf('=');
      if (isTrackingParameter(eq < 0 ? parameter : parameter.substring(0, eq))) {
        removed = true;
      } else if (!parameter.isEmpty()) {
        kept.append(separator).append(parameter);
        separator = '&';
      }
    }
    if (!removed) {
      return url;
    }
    if (fragment >= 0) {
      kept.append(url, fragment, url.length());
    }
    return kept.toString();
  }

  static boolean isTrackingParameter(String rawName) {
    String name = rawName.toLowerCase(Locale.ROOT);
    return name.startsWith("utm_") || PARAMETERS.contains(name);
  }

  /** Whether an absolute image URL points at a known tracker host (or a subdomain of one). */
  static boolean isPixelHost(String url) {
    String host = host(url);
    if (host == null) {
      return false;
    }
    for (String h = host; ; ) {
      if (PIXEL_HOSTS.contains(h)) {
        return true;
      }
      int dot = h.indexOf('.');
      if (dot < 0 || h.indexOf('.', dot + 1) < 0) {
        return false; // down to the registrable domain: stop
      }
      h = h.substring(dot + 1);
    }
  }

  /** A 1×1 (or smaller, or 0×0) image, by its width and height attributes. */
  static boolean isPixelSize(String width, String height) {
    return isAtMostOne(width) && isAtMostOne(height);
  }

  private static boolean isAtMostOne(String dimension) {
    String d = dimension.strip().toLowerCase(Locale.ROOT);
    if (d.endsWith("px")) {
      d = d.substring(0, d.length() - 2).strip();
    }
    return d.equals("0") || d.equals("1");
  }

  /** The lower-cased host of an absolute http(s) URL, without port or credentials; else null. */
  static String host(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int start = scheme + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String authority = url.substring(start, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    int colon = authority.lastIndexOf(':');
    if (colon >= 0 && authority.indexOf(']') < colon) {
      authority = authority.substring(0, colon);
    }
    return authority.isEmpty() ? null : authority.toLowerCase(Locale.ROOT);
  }
}

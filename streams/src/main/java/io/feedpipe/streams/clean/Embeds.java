package io.feedpipe.streams.clean;

import java.util.List;

/**
 * Which iframes survive sanitizing: video players of an allow-listed set of hosts, loaded over
 * https, and sandboxed. Any other iframe (ads, trackers, a phishing form) is dropped with its
 * content.
 *
 * <p>The sandbox keeps {@code allow-scripts} and {@code allow-same-origin} because a player needs
 * both; since the frame's origin is the video host's, never ours, together they give it nothing of
 * our page. Top navigation, forms and modals stay forbidden.
 */
final class Embeds {

  static final String SANDBOX = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation";

  /** Host and path prefix of each allowed player. */
  private record Player(String host, String pathPrefix) {}

  private static final List<Player> PLAYERS =
      List.of(
          new Player("www.youtube.com", "/embed/"),
          new Player("youtube.com", "/embed/"),
          new Player("www.youtube-nocookie.com", "/embed/"),
          new Player("youtube-nocookie.com", "/embed/"),
          new Player("player.vimeo.com", "/video/"),
          new Player("www.dailymotion.com", "/embed/"),
          new Player("geo.dailymotion.com", "/player"),
          new Player("player.twitch.tv", "/"),
          new Player("www.loom.com", "/embed/"));

  private Embeds() {}

  /**
   * The iframe's source as written out (https, tracking parameters removed), or null when the
   * frame is not an allowed player. Protocol-relative and http sources are upgraded to https.
   */
  static String playerSource(String raw) {
    String url = UrlPolicy.strip(raw);
    if (url.startsWith("//")) {
      url = "https:" + url;
    } else if (url.regionMatches(true, 0, "http://", 0, 7)) {
      url = "https://" + url.substring(7);
    }
    if (!url.regionMatches(true, 0, "https://", 0, 8)) {
      return null;
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= ' ' || c == '\\' || c == '"' || c == '\'' || c == '<' || c == '>') {
        return null; // nothing a browser might read differently from us
      }
    }
    String host = Trackers.host(url);
    if (host == null || url.indexOf('@', 8) >= 0 && url.indexOf('@', 8) < url.indexOf('/', 8)) {
      return null; // credentials in an embed URL are a trick, not a player
    }
    int pathStart = url.indexOf('/', 8);
    String path = pathStart < 0 ? "/" : url.substring(pathStart);
    for (Player p : PLAYERS) {
      if (p.host().equals(host) && path.startsWith(p.pathPrefix())
          && url.regionMatches(true, 8, host, 0, host.length()) && url.length() > 8 + host.length()
          && url.charAt(8 + host.length()) == '/') {
        return "https://" + host + Trackers.stripParameters(path);
      }
    }
    return null;
  }
}

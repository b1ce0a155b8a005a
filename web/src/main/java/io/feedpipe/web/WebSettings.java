package io.feedpipe.web;

import io.feedpipe.schemas.topics.FeedpipeTopics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the reader server is told.
 *
 * @param listen the address the HTTP server binds (127.0.0.1 by default: the page is for this
 *     machine unless the operator says otherwise)
 * @param publicUrl the absolute URL readers reach the server at, ending in '/': feeds must carry
 *     absolute links and ids, and a proxy in front changes what that is
 * @param applicationId the Streams application id of the web store ({@code <prefix>feedpipe-web})
 * @param topics the topic registry (names with {@code topics.prefix})
 * @param routeTopics route name → the real topic its matches are written to, in display order
 * @param maxPosts the most posts held: beyond it the oldest (by publication time) are dropped
 * @param pageSize posts per page
 * @param feedEntries entries per Atom / JSON feed
 * @param stateDir where the store keeps its RocksDB files
 */
public record WebSettings(InetSocketAddress listen, URI publicUrl, String applicationId, FeedpipeTopics topics,
    Map<String, String> routeTopics, int maxPosts, int pageSize, int feedEntries, Path stateDir) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_POSTS = 10_000;
  public static final int DEFAULT_PAGE_SIZE = 20;
  public static final int DEFAULT_FEED_ENTRIES = 50;
  /** The base of the application id; the topics prefix goes before it. */
  public static final String APPLICATION_ID = "feedpipe-web";

  public WebSettings {
    if (listen == null) {
      throw new IllegalArgumentException("web: --listen is required");
    }
    if (publicUrl == null || !publicUrl.isAbsolute() || !("http".equals(publicUrl.getScheme()) || "https".equals(publicUrl.getScheme()))) {
      throw new IllegalArgumentException("web: --public-url must be an absolute http(s) URL, got " + publicUrl);
    }
    if (!publicUrl.toString().endsWith("/")) {
      publicUrl = URI.create(publicUrl + "/");
    }
    if (maxPosts < 1) {
      throw new IllegalArgumentException("web.max-posts must be at least 1, got " + maxPosts);
    }
    if (pageSize < 1 || pageSize > 200) {
      throw new IllegalArgumentException("web: page size must be 1-200, got " + pageSize);
    }
    if (feedEntries < 1 || feedEntries > 1000) {
      throw new IllegalArgumentException("web: feed entries must be 1-1000, got " + feedEntries);
    }
    // Kept in the order given: the page lists routes as the configuration does.
    routeTopics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(routeTopics));
  }

  /** The application id of the web store under a topics prefix: {@code <prefix>feedpipe-web}. */
  public static String defaultApplicationId(String topicsPrefix) {
    return (topicsPrefix == null ? "" : topicsPrefix) + APPLICATION_ID;
  }

  /** Settings with defaults: public URL from the listen address. */
  public static WebSettings defaults(InetSocketAddress listen, FeedpipeTopics topics, Map<String, String> routeTopics, Path stateDir) {
    return new WebSettings(listen, publicUrlOf(listen), defaultApplicationId(topics.prefix()), topics, routeTopics,
        DEFAULT_MAX_POSTS, DEFAULT_PAGE_SIZE, DEFAULT_FEED_ENTRIES, stateDir);
  }

  /** {@code http://host:port/} for a listen address (the wildcard address is named 127.0.0.1). */
  public static URI publicUrlOf(InetSocketAddress listen) {
    String host = listen.getHostString();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
      host = "127.0.0.1";
    }
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + listen.getPort() + "/");
  }

  public WebSettings withPublicUrl(URI url) {
    return new WebSettings(listen, url, applicationId, topics, routeTopics, maxPosts, pageSize, feedEntries, stateDir);
  }

  public WebSettings withListen(InetSocketAddress address) {
    return new WebSettings(address, publicUrl, applicationId, topics, routeTopics, maxPosts, pageSize, feedEntries, stateDir);
  }

  public WebSettings withMaxPosts(int max) {
    return new WebSettings(listen, publicUrl, applicationId, topics, routeTopics, max, pageSize, feedEntries, stateDir);
  }

  public WebSettings withRouteTopics(Map<String, String> routes) {
    return new WebSettings(listen, publicUrl, applicationId, topics, routes, maxPosts, pageSize, feedEntries, stateDir);
  }

  public WebSettings withApplicationId(String id) {
    return new WebSettings(listen, publicUrl, id, topics, routeTopics, maxPosts, pageSize, feedEntries, stateDir);
  }
}

package io.feedpipe.web.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Time limits for the JDK's HTTP server. It reads a request's headers on its executor's threads
 * with no time limit by default ({@code sun.net.httpserver.maxReqTime} = -1), so a few clients that
 * open a connection and send their headers slowly, or never finish them, hold every worker thread
 * and the page stops answering. The JDK takes its limits only from these system properties, read
 * once when the first server of the JVM is created, so they are set (unless the user set them, e.g.
 * with {@code -D}) before the web server is created. Past the limit the JDK closes the connection.
 */
public final class HttpServerLimits {
  /** Seconds from a connection's accept to its request read; a browser needs far less. */
  static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
  /** Seconds to send a response (a page or a feed of 50 posts) once its headers are sent. */
  static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";
  static final long REQUEST_SECONDS = 10;
  static final long RESPONSE_SECONDS = 60;

  private HttpServerLimits() {}

  /**
   * Sets the limits the user has not set in {@code properties}.
   *
   * @return the properties set, by name (empty when the user set both)
   */
  public static Map<String, String> applyDefaults(Properties properties) {
    Map<String, String> set = new LinkedHashMap<>();
    setIfAbsent(properties, MAX_REQUEST_TIME, REQUEST_SECONDS, set);
    setIfAbsent(properties, MAX_RESPONSE_TIME, RESPONSE_SECONDS, set);
    return set;
  }

  private static void setIfAbsent(Properties properties, String name, long seconds, Map<String, String> set) {
    if (properties.getProperty(name) == null) {
      properties.setProperty(name, Long.toString(seconds));
      set.put(name, Long.toString(seconds));
    }
  }
}

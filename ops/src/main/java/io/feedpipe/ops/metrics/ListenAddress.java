package io.feedpipe.ops.metrics;

import java.net.InetSocketAddress;

/** {@code [HOST:]PORT} as operators write it for an endpoint: a bare port means this machine only. */
public final class ListenAddress {
  private ListenAddress() {}

  /**
   * @param option the option or setting the text came from, for the error message
   * @throws IllegalArgumentException naming the option and the text when it is not [HOST:]PORT
   */
  public static InetSocketAddress parse(String text, String option) {
    String t = text == null ? "" : text.strip();
    int colon = t.lastIndexOf(':');
    // Loopback unless a host is named: metrics name consumer groups, topics and hosts, which is
    // nobody else's business unless the operator says so.
    String host = colon < 0 ? "127.0.0.1" : t.substring(0, colon);
    String portText = colon < 0 ? t : t.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " '" + text + "' is not [HOST:]PORT (e.g. 9308 or 127.0.0.1:9308)");
    }
    if (port < 0 || port > 65535 || host.isBlank()) {
      throw new IllegalArgumentException(option + " '" + text + "' is not [HOST:]PORT with a port between 0 and 65535");
    }
    return new InetSocketAddress(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host, port);
  }
}

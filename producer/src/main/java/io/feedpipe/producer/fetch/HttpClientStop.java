package io.feedpipe.producer.fetch;

import java.net.http.HttpClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops a {@link HttpClient}'s selector thread when its owner is done with it.
 *
 * <p>Why: the JDK's client keeps one selector thread blocked in native code ({@code epoll_wait})
 * until the client is garbage collected and the thread next wakes (up to seconds later). At {@code
 * System.exit}, HotSpot waits up to 300 ms for threads in native code to block, so every one-shot
 * {@code produce --once} paid 0.3 s at its very end for a client it no longer used. Java 21 gives
 * the client a {@code close()}; on Java 17 the selector loop ends when its thread is interrupted
 * (an interrupted {@code Selector.select} returns at once). The thread is found by the name the JDK
 * gives it ({@code HttpClient-<id>-SelectorManager}, the id being the one the client's {@code
 * toString()} ends with); when a JDK names them otherwise, nothing is interrupted and the client
 * ends as before. Only this client's thread is touched: other clients in the JVM are left alone.
 */
final class HttpClientStop {
  private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");

  private HttpClientStop() {}

  static void stop(HttpClient client) {
    if (client instanceof AutoCloseable closeable) { // Java 21+
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing a client that is done can only fail to stop threads sooner; they end with it anyway.
      }
      return;
    }
    String name = selectorThreadName(client.toString());
    if (name == null) {
      return;
    }
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals(name)) {
        thread.interrupt();
      }
    }
  }

  /** {@code HttpClient-<id>-SelectorManager} for a client whose {@code toString()} ends with {@code (<id>)}; else null. */
  static String selectorThreadName(String clientToString) {
    Matcher id = CLIENT_ID.matcher(clientToString);
    return id.find() ? "HttpClient-" + id.group(1) + "-SelectorManager" : null;
  }
}

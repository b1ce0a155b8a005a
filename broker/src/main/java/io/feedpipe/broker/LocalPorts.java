package io.feedpipe.broker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finding and checking TCP ports on the broker's host before Kafka binds them. */
final class LocalPorts {

  private LocalPorts() {}

  /**
   * A port that is free right now. Another process may take it before Kafka binds it; the window is
   * a few milliseconds and the resulting error still names the address.
   */
  static int findFree(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new BrokerStartupException("Cannot open any port on " + host + ": " + e, e);
    }
  }

  static int findFreeOtherThan(String host, int taken) {
    int port = findFree(host);
    return port != taken ? port : findFree(host);
  }

  /**
   * Binds and releases {@code host:port} to turn Kafka's deep "socket server failed to bind" into a
   * message that says what to do. Java sets SO_REUSEADDR on Linux, so a port that only has
   * connections in TIME_WAIT from our own previous run still counts as free, as it will for Kafka.
   */
  static boolean isInUse(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
      return false;
    } catch (BindException e) {
      return true;
    } catch (IOException e) {
      throw new BrokerStartupException(
          "Cannot check " + KafkaServerProperties.hostPort(host, port) + ": " + e, e);
    }
  }
}

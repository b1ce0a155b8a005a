package io.feedpipe.producer.fetch;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The HTTP client's TLS, set up when the first {@code https:} connection needs it: making the JVM's
 * default TLS context loads and parses its trusted certificates (a tenth of a second or more of one
 * core), which a run fetching only {@code http:} feeds never needs. Certificates and host names
 * are checked as the JDK's defaults do (the {@code javax.net.ssl.*} system properties honoured).
 */
final class LazyTlsStrategy implements TlsSocketStrategy {
  private volatile TlsSocketStrategy tls;

  @Override
  public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context) throws IOException {
    return tls().upgrade(socket, target, port, attachment, context);
  }

  private TlsSocketStrategy tls() throws SSLException {
    TlsSocketStrategy made = tls;
    if (made == null) {
      synchronized (this) {
        made = tls;
        if (made == null) {
          try {
            made = DefaultClientTlsStrategy.createSystemDefault();
          } catch (RuntimeException e) { // e.g. a javax.net.ssl.trustStore that cannot be read
            throw new SSLException("the JVM's TLS context could not be set up: " + e, e);
          }
          tls = made;
        }
      }
    }
    return made;
  }
}

package io.feedpipe.producer.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A feed server on 127.0.0.1, started before each test and stopped after it: register it with
 * {@code @RegisterExtension}, {@link #serve} a path, and read back the {@link #requests} it got.
 */
public final class LocalHttpServer implements BeforeEachCallback, AfterEachCallback {
  private final List<HttpExchange> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private ExecutorService threads;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    requests.clear();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    threads = Executors.newCachedThreadPool(); // slow handlers must not block the others
    server.setExecutor(threads);
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.stop(0);
    threads.shutdownNow();
  }

  /** Answers {@code path} with {@code handler}, which need not close the exchange; returns its URL. */
  public URI serve(String path, HttpHandler handler) {
    server.createContext(path, exchange -> {
      requests.add(exchange);
      try (exchange) {
        handler.handle(exchange);
      } catch (IOException e) {
        // the client hung up on purpose (limits, timeouts)
      }
    });
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request so far, in order of arrival. */
  public List<HttpExchange> requests() {
    return requests;
  }

  /** Sends {@code status} with {@code body} (none when empty). */
  public static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }
}

package io.feedpipe.web;

import io.feedpipe.web.http.CspReports;
import io.feedpipe.web.http.WebServer;
import io.feedpipe.web.store.WebStore;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The reader server: the web store's Streams app and the HTTP server over it. */
public final class WebApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebApp.class);

  private final WebStore store;
  private final WebServer server;
  private final CspReports reports;
  private final URI url;

  private WebApp(WebStore store, WebServer server, CspReports reports, URI url) {
    this.store = store;
    this.server = server;
    this.reports = reports;
    this.url = url;
  }

  /**
   * Starts the store and the server.
   *
   * @param derivedUrl whether the public URL is the listen address's: with port 0 it then names the port taken
   */
  public static WebApp start(WebSettings settings, String bootstrapServers, Map<String, String> kafkaOverrides, boolean derivedUrl) {
    WebStore store = WebStore.start(settings, bootstrapServers, kafkaOverrides);
    CspReports reports = new CspReports();
    WebServer server;
    try {
      server = WebServer.start(settings, store.queries(), reports, derivedUrl);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    URI url = server.publicUrl();
    log.info("reader page at {} (listening on {})", url, server.address());
    return new WebApp(store, server, reports, url);
  }

  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return store.awaitRunning(timeout);
  }

  public WebStore store() {
    return store;
  }

  public CspReports cspReports() {
    return reports;
  }

  /** The URL the page is at, ending in '/'. */
  public URI url() {
    return url;
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}

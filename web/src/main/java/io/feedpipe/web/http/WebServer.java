package io.feedpipe.web.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.web.WebSettings;
import io.feedpipe.web.feed.AtomWriter;
import io.feedpipe.web.feed.FeedView;
import io.feedpipe.web.feed.JsonFeedWriter;
import io.feedpipe.web.feed.Validators;
import io.feedpipe.web.render.Html;
import io.feedpipe.web.render.PageRenderer;
import io.feedpipe.web.render.PageView;
import io.feedpipe.web.store.PostPage;
import io.feedpipe.web.store.PostQueries;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader server, on the JDK's HTTP server (com.sun.net.httpserver: no parser of our own, no
 * extra dependency). Routes:
 *
 * <pre>
 *   /                      newest posts          /atom.xml, /feed.json
 *   /feed/&lt;feed id&gt;         one feed's posts      /feed/&lt;feed id&gt;/atom.xml, …/feed.json
 *   /route/&lt;route&gt;          one route's posts     /route/&lt;route&gt;/atom.xml, …/feed.json
 *   /search?q=words        posts holding all the words
 *   /style.css             the only stylesheet   POST /csp-report   CSP violation reports
 * </pre>
 *
 * Listings take {@code ?page=N}. Feeds answer conditional GETs with 304.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  private static final int MAX_REPORT_BYTES = 64 * 1024;
  private static final String HTML = "text/html; charset=utf-8";

  private final WebSettings settings;
  private final PostQueries queries;
  private final CspReports reports;
  private final HttpServer server;
  private final ExecutorService executor;
  private final PageRenderer renderer = new PageRenderer();
  private final AtomWriter atom = new AtomWriter();
  private final JsonFeedWriter json = new JsonFeedWriter();
  private final byte[] stylesheet;
  private final URI publicUrl;

  private WebServer(WebSettings settings, PostQueries queries, CspReports reports, boolean derivedUrl) throws IOException {
    this.settings = settings;
    this.queries = queries;
    this.reports = reports;
    this.stylesheet = resource("/io/feedpipe/web/style.css");
    this.server = HttpServer.create(settings.listen(), 64);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "feedpipe-web-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    // Bound now: a URL derived from the listen address names the port actually taken (port 0).
    this.publicUrl = derivedUrl ? WebSettings.publicUrlOf(server.getAddress()) : settings.publicUrl();
  }

  /**
   * Binds {@link WebSettings#listen()} and starts serving.
   *
   * @param derivedUrl whether the public URL is the listen address's (then it names the bound port)
   */
  public static WebServer start(WebSettings settings, PostQueries queries, CspReports reports, boolean derivedUrl) {
    // Before the first HttpServer of the JVM: the JDK reads its time limits then, and only then.
    Map<String, String> limits = HttpServerLimits.applyDefaults(System.getProperties());
    if (!limits.isEmpty()) {
      log.info("web: HTTP time limits {} in seconds (set them with -D to change)", limits);
    }
    try {
      WebServer web = new WebServer(settings, queries, reports, derivedUrl);
      web.server.start();
      return web;
    } catch (IOException e) {
      throw new UncheckedIOException("web: cannot listen on " + settings.listen() + ": " + e.getMessage(), e);
    }
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The absolute URL of the page, ending in '/'. */
  public URI publicUrl() {
    return publicUrl;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      SecurityHeaders.apply(exchange.getResponseHeaders());
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      Request request = Request.parse(uri.getRawPath(), uri.getRawQuery());
      if (SecurityHeaders.REPORT_PATH.equals(uri.getRawPath())) {
        if (!method.equals("POST")) {
          send(exchange, 405, "text/plain; charset=utf-8", "POST a report\n");
          return;
        }
        reports.record(readAtMost(exchange.getRequestBody(), MAX_REPORT_BYTES));
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
        return;
      }
      try {
        route(exchange, request);
      } catch (InvalidStateStoreException e) {
        send(exchange, 503, "text/plain; charset=utf-8", "The post store is starting or rebalancing; try again in a moment.\n");
      }
    } catch (RuntimeException e) {
      log.error("web: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      try {
        send(exchange, 500, "text/plain; charset=utf-8", "Internal error\n");
      } catch (IOException | RuntimeException ignored) {
        // headers were already sent; the client sees a cut response
      }
    }
  }

  private void route(HttpExchange exchange, Request request) throws IOException {
    List<String> s = request.segments();
    int size = settings.pageSize();
    if (s.isEmpty()) {
      page(exchange, new PageView("Newest posts", "/", null, queries.newest(request.page(), size), "/", queries.feeds(),
          queries.routeNames(), queries.size()));
    } else if (s.size() == 1 && s.get(0).equals("style.css")) {
      exchange.getResponseHeaders().set("Cache-Control", "public, max-age=3600");
      send(exchange, 200, "text/css; charset=utf-8", stylesheet);
    } else if (s.size() == 1 && isFeedFile(s.get(0))) {
      feed(exchange, s.get(0), "feedpipe: newest posts", "", queries.newest(1, settings.feedEntries()));
    } else if (s.size() == 1 && s.get(0).equals("search")) {
      String q = request.params().getOrDefault("q", "").strip();
      page(exchange, new PageView(q.isEmpty() ? "Search" : "Search: " + q, "/search", q, queries.search(q, request.page(), size),
          null, queries.feeds(), queries.routeNames(), queries.size()));
    } else if (s.size() >= 2 && s.size() <= 3 && s.get(0).equals("feed")) {
      String feedId = s.get(1);
      String base = "feed/" + Html.segment(feedId) + "/";
      if (s.size() == 2) {
        PostPage page = queries.ofFeed(feedId, request.page(), size);
        if (page.posts().isEmpty() && request.page() == 1) {
          notFound(exchange, "No posts of feed " + feedId + " are held.");
          return;
        }
        page(exchange, new PageView("Feed " + feedId, "/feed/" + Html.segment(feedId), null, page, "/" + base, queries.feeds(),
            queries.routeNames(), queries.size()));
      } else if (isFeedFile(s.get(2))) {
        feed(exchange, s.get(2), "feedpipe: feed " + feedId, base, queries.ofFeed(feedId, 1, settings.feedEntries()));
      } else {
        notFound(exchange, "No such page.");
      }
    } else if (s.size() >= 2 && s.size() <= 3 && s.get(0).equals("route")) {
      String route = s.get(1);
      String base = "route/" + Html.segment(route) + "/";
      Optional<PostPage> page = queries.ofRoute(route, s.size() == 2 ? request.page() : 1, s.size() == 2 ? size : settings.feedEntries());
      if (page.isEmpty()) {
        notFound(exchange, "No route is named " + route + ".");
      } else if (s.size() == 2) {
        page(exchange, new PageView("Route " + route, "/route/" + Html.segment(route), null, page.get(), "/" + base, queries.feeds(),
            queries.routeNames(), queries.size()));
      } else if (isFeedFile(s.get(2))) {
        feed(exchange, s.get(2), "feedpipe: route " + route, base, page.get());
      } else {
        notFound(exchange, "No such page.");
      }
    } else {
      notFound(exchange, "No such page.");
    }
  }

  private static boolean isFeedFile(String name) {
    return name.equals("atom.xml") || name.equals("feed.json");
  }

  private void page(HttpExchange exchange, PageView view) throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    send(exchange, 200, HTML, renderer.render(view));
  }

  /**
   * @param base the listing's path below the public URL, ending in '/' (empty for all posts)
   */
  private void feed(HttpExchange exchange, String file, String title, String base, PostPage page) throws IOException {
    List<CleanPost> posts = page.posts();
    URI pageUrl = publicUrl.resolve(base);
    FeedView view = new FeedView(title, publicUrl.resolve(base + file), pageUrl, posts);
    boolean isAtom = file.equals("atom.xml");
    Validators validators = Validators.of(file, view);
    exchange.getResponseHeaders().set("ETag", validators.etag());
    exchange.getResponseHeaders().set("Last-Modified", validators.lastModifiedHeader());
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    if (validators.notModified(exchange.getRequestHeaders().getFirst("If-None-Match"),
        exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    String body = isAtom ? atom.write(view) : json.write(view);
    send(exchange, 200, isAtom ? AtomWriter.MEDIA_TYPE : JsonFeedWriter.MEDIA_TYPE, body);
  }

  private void notFound(HttpExchange exchange, String message) throws IOException {
    String body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found · feedpipe</title>"
        + "<link rel=\"stylesheet\" href=\"/style.css\"></head><body><div class=\"layout\"><main><h1>Not found</h1><p>"
        + Html.escape(message) + "</p><p><a href=\"/\">Newest posts</a></p></main></div></body></html>\n";
    send(exchange, 404, HTML, body);
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : (body.length == 0 ? -1 : body.length));
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    byte[] bytes = in.readNBytes(max + 1);
    return bytes.length > max ? new byte[0] : bytes;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = WebServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource missing from the jar: " + name);
      }
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

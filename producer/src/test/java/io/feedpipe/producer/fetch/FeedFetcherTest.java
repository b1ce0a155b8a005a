package io.feedpipe.producer.fetch;

import static io.feedpipe.producer.fetch.LocalHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.feedpipe.producer.Fixtures;
import io.feedpipe.schemas.FetchOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FeedFetcherTest {
  private static final byte[] FEED = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
  private static final long LIMIT = 10_000;
  /** What a server can write into a cut connection's socket buffers, and far less than it writes in 700 ms to a reader. */
  private static final long MAX_UNREAD_BYTES = 64L * 1024 * 1024;

  @RegisterExtension final LocalHttpServer server = new LocalHttpServer();
  private final FeedFetcher fetcher = new FeedFetcher(Duration.ofMillis(700), LIMIT, "feedpipe-test/1");

  @Test
  void remembersNothingButReturnsValidatorsThenSendsThemAndGets304() {
    URI url = server.serve("/feed", exchange -> {
      String etag = "\"v1\"";
      exchange.getResponseHeaders().add("ETag", etag);
      exchange.getResponseHeaders().add("Last-Modified", "Mon, 08 Dec 2025 20:03:00 GMT");
      if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        respond(exchange, 304, new byte[0]);
      } else {
        exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
        respond(exchange, 200, FEED);
      }
    });

    FetchResult first = fetcher.fetch(url, Validators.none());
    assertThat(first).isInstanceOf(FetchResult.Fetched.class);
    FetchResult.Fetched fetched = (FetchResult.Fetched) first;
    assertThat(fetched.body()).isEqualTo(FEED);
    assertThat(fetched.httpStatus()).isEqualTo(200);
    assertThat(fetched.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
    assertThat(fetched.validators()).isEqualTo(new Validators("\"v1\"", "Mon, 08 Dec 2025 20:03:00 GMT"));

    FetchResult second = fetcher.fetch(url, fetched.validators());

    assertThat(second).isEqualTo(new FetchResult.NotModified(304));
    HttpExchange conditional = server.requests().get(1);
    assertThat(conditional.getRequestHeaders().getFirst("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(conditional.getRequestHeaders().getFirst("If-Modified-Since")).isEqualTo("Mon, 08 Dec 2025 20:03:00 GMT");
    assertThat(server.requests().get(0).getRequestHeaders().getFirst("If-None-Match")).isNull();
  }

  @Test
  void sendsUserAgentAndAsksForGzip() {
    URI url = server.serve("/feed", exchange -> respond(exchange, 200, FEED));

    fetcher.fetch(url, Validators.none());

    assertThat(server.requests().get(0).getRequestHeaders().getFirst("User-Agent")).isEqualTo("feedpipe-test/1");
    assertThat(server.requests().get(0).getRequestHeaders().getFirst("Accept-Encoding")).isEqualTo("gzip, deflate");
  }

  @Test
  void serverErrorIsServerError() {
    URI url = server.serve("/feed", exchange -> respond(exchange, 500, "boom".getBytes(StandardCharsets.UTF_8)));

    assertThat(fetcher.fetch(url, Validators.none()))
        .isEqualTo(new FetchResult.Failed(FetchOutcome.SERVER_ERROR, 500, url + ": HTTP 500"));
  }

  @Test
  void notFoundIsClientError() {
    URI url = server.serve("/feed", exchange -> respond(exchange, 404, new byte[0]));

    assertThat(fetcher.fetch(url, Validators.none()))
        .isEqualTo(new FetchResult.Failed(FetchOutcome.CLIENT_ERROR, 404, url + ": HTTP 404"));
  }

  @Test
  void tooManyRequestsIsRateLimitedAndReportsRetryAfter() {
    URI url = server.serve("/feed", exchange -> {
      exchange.getResponseHeaders().add("Retry-After", "120");
      respond(exchange, 429, new byte[0]);
    });

    FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(url, Validators.none());

    assertThat(failed.outcome()).isEqualTo(FetchOutcome.RATE_LIMITED);
    assertThat(failed.httpStatus()).isEqualTo(429);
    assertThat(failed.reason()).contains(url.toString()).contains("Retry-After: 120");
  }

  @Test
  void followsRedirects() {
    server.serve("/new", exchange -> respond(exchange, 200, FEED));
    URI old = server.serve("/old", exchange -> {
      exchange.getResponseHeaders().add("Location", "/new");
      respond(exchange, 301, new byte[0]);
    });

    assertThat(fetcher.fetch(old, Validators.none())).isInstanceOf(FetchResult.Fetched.class);
  }

  @Test
  void connectsToTheAddressesItCheckedNotToAFreshLookup() {
    URI served = server.serve("/feed", exchange -> respond(exchange, 200, FEED));
    URI url = URI.create("http://feeds.example.test:" + served.getPort() + "/feed"); // no real resolver knows it
    FetchPolicy policy = FetchPolicy.defaults().withTotalTimeout(Duration.ofSeconds(5)).withAddresses(AddressPolicy.allowingLoopback());
    try (FeedFetcher pinned = new FeedFetcher(policy, host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, Clock.systemUTC())) {

      assertThat(pinned.fetch(url, Validators.none())).isInstanceOf(FetchResult.Fetched.class);
    }
    assertThat(server.requests().get(0).getRequestHeaders().getFirst("Host")).isEqualTo("feeds.example.test:" + served.getPort());
  }

  @Test
  void aNameThatRebindsToAPrivateAddressAfterTheCheckIsRefusedWithoutARequest() throws IOException {
    URI served = server.serve("/feed", exchange -> respond(exchange, 200, FEED));
    URI url = URI.create("http://rebind.example.test:" + served.getPort() + "/feed");
    // DNS rebinding: a TTL-0 answer gives the policy check a public address, the connection loopback.
    AtomicInteger lookups = new AtomicInteger();
    HttpFetch.Resolver rebinding = host -> new InetAddress[] {lookups.getAndIncrement() == 0
        ? InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14})
        : InetAddress.getLoopbackAddress()};
    FetchPolicy strict = FetchPolicy.defaults().withTotalTimeout(Duration.ofSeconds(5)); // loopback refused
    try (FeedFetcher fetcher = new FeedFetcher(strict, rebinding, Clock.systemUTC())) {

      FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(url, Validators.none());

      assertThat(failed.outcome()).isEqualTo(FetchOutcome.REFUSED_BY_POLICY);
      assertThat(failed.reason()).contains("rebind.example.test").contains("producer.allowed-networks");
    }
    assertThat(lookups).hasValueGreaterThan(1);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void responseSlowerThanTheTimeoutTimesOut() {
    URI url = server.serve("/feed", exchange -> {
      sleep(3_000);
      respond(exchange, 200, FEED);
    });

    long start = System.nanoTime();
    FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(url, Validators.none());

    assertThat(failed.outcome()).isEqualTo(FetchOutcome.TIMED_OUT);
    assertThat(failed.reason()).contains(url.toString()).contains("700 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
  }

  @Test
  void bodyTricklingPastTheTimeoutTimesOut() {
    URI url = server.serve("/feed", exchange -> {
      exchange.sendResponseHeaders(200, 0); // headers now, body in chunks
      OutputStream out = exchange.getResponseBody();
      for (int i = 0; i < 30; i++) {
        out.write('x');
        out.flush();
        sleep(100);
      }
    });

    assertThat(fetcher.fetch(url, Validators.none()))
        .isInstanceOfSatisfying(FetchResult.Failed.class, failed -> assertThat(failed.outcome()).isEqualTo(FetchOutcome.TIMED_OUT));
  }

  @Test
  void bodyOverTheLimitIsTooLarge() {
    URI url = server.serve("/feed", exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse up front
      exchange.getResponseBody().write(new byte[(int) LIMIT + 1]);
    });

    FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(url, Validators.none());

    assertThat(failed.outcome()).isEqualTo(FetchOutcome.TOO_LARGE);
    assertThat(failed.reason()).contains(url.toString()).contains(String.valueOf(LIMIT));
  }

  @Test
  void anEndlessBodyIsTooLargeAtTheLimitAndItsConnectionCutNotReadOn() throws Exception {
    AtomicLong written = new AtomicLong(-1);
    URI url = server.serve("/feed", exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked, and never ends: the fetch must cut it, not drain it
      written.set(writeUntilTheClientLeaves(exchange.getResponseBody()));
    });

    FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(url, Validators.none());

    assertThat(failed.outcome()).isEqualTo(FetchOutcome.TOO_LARGE);
    // Cut at once, the server wrote the limit and what the sockets' buffers hold; read on (as
    // closing the stream does), hundreds of MB until the 700 ms timeout.
    await().atMost(Duration.ofSeconds(10)).until(() -> written.get() >= 0);
    assertThat(written.get()).isLessThan(MAX_UNREAD_BYTES);
  }

  @Test
  void anEndlessErrorPageIsNotReadAtAll() throws Exception {
    AtomicLong written = new AtomicLong(-1);
    URI url = server.serve("/feed", exchange -> {
      exchange.sendResponseHeaders(500, 0);
      written.set(writeUntilTheClientLeaves(exchange.getResponseBody()));
    });

    FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(url, Validators.none());

    assertThat(failed.outcome()).isEqualTo(FetchOutcome.SERVER_ERROR);
    await().atMost(Duration.ofSeconds(10)).until(() -> written.get() >= 0);
    assertThat(written.get()).isLessThan(MAX_UNREAD_BYTES);
  }

  @Test
  void aKeptAliveConnectionTheServerDroppedIsReplacedOnceNotReportedAsAFailure() throws Exception {
    byte[] ok = ("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: " + FEED.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      AtomicInteger connections = new AtomicInteger();
      Thread serverThread = new Thread(() -> {
        try {
          // First connection: one response, kept alive, then closed without a response to the
          // second request on it, as a server does whose keep-alive timeout ran out.
          try (Socket first = listener.accept()) {
            connections.incrementAndGet();
            readRequest(first.getInputStream());
            first.getOutputStream().write(ok);
            first.getOutputStream().write(FEED);
            first.getOutputStream().flush();
            readRequest(first.getInputStream());
          }
          try (Socket second = listener.accept()) {
            connections.incrementAndGet();
            readRequest(second.getInputStream());
            second.getOutputStream().write(ok);
            second.getOutputStream().write(FEED);
            second.getOutputStream().flush();
            readRequest(second.getInputStream()); // until the client closes
          }
        } catch (IOException ignored) {
          // the assertions below tell what happened
        }
      });
      serverThread.setDaemon(true);
      serverThread.start();
      URI url = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/feed");

      assertThat(fetcher.fetch(url, Validators.none())).isInstanceOf(FetchResult.Fetched.class);
      assertThat(fetcher.fetch(url, Validators.none())).isInstanceOf(FetchResult.Fetched.class);
      assertThat(connections).hasValue(2);
    }
  }

  @Test
  void declaredContentLengthOverTheLimitIsTooLarge() {
    URI url = server.serve("/feed", exchange -> respond(exchange, 200, new byte[(int) LIMIT * 2]));

    assertThat(fetcher.fetch(url, Validators.none()))
        .isInstanceOfSatisfying(FetchResult.Failed.class, failed -> assertThat(failed.outcome()).isEqualTo(FetchOutcome.TOO_LARGE));
  }

  @Test
  void gzipBodyIsDecompressed() {
    URI url = server.serve("/feed", exchange -> {
      exchange.getResponseHeaders().add("Content-Encoding", "gzip");
      respond(exchange, 200, gzip(FEED));
    });

    FetchResult.Fetched fetched = (FetchResult.Fetched) fetcher.fetch(url, Validators.none());

    assertThat(fetched.body()).isEqualTo(FEED);
  }

  @Test
  void gzipBodyInflatingPastTheLimitIsTooLarge() {
    URI url = server.serve("/feed", exchange -> {
      exchange.getResponseHeaders().add("Content-Encoding", "gzip");
      respond(exchange, 200, gzip(new byte[(int) LIMIT * 100])); // ~1 KB of gzip, 1 MB inflated
    });

    FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(url, Validators.none());

    assertThat(failed.outcome()).isEqualTo(FetchOutcome.TOO_LARGE);
    assertThat(failed.reason()).contains("gzip");
  }

  @Test
  void connectionRefusedIsUnreachable() throws IOException {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = socket.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + freePort + "/feed");

    FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(url, Validators.none());

    assertThat(failed.outcome()).isEqualTo(FetchOutcome.UNREACHABLE);
    assertThat(failed.reason()).contains(url.toString()).contains("connection refused");
  }

  @Test
  void httpsToAServerThatAnswersInPlainHttpFailsTheTlsHandshake() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> {
        try (var socket = plain.accept()) {
          socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          sleep(300); // let the client read it before the connection goes
        } catch (IOException ignored) {
          // the test fails on the result instead
        }
      });
      answer.start();
      URI url = URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/feed");

      FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(url, Validators.none());

      assertThat(failed.outcome()).isEqualTo(FetchOutcome.UNREACHABLE);
      assertThat(failed.reason()).startsWith(url + ": TLS failed");
      answer.join(5_000);
    }
  }

  @Test
  void httpsToAServerWithACertificateNoAuthorityIssuedFailsAsUntrusted(@TempDir Path dir) throws Exception {
    // A self-signed certificate for 127.0.0.1, made with the JDK's keytool: the handshake itself
    // works, only the certificate check can refuse it.
    Path keystore = dir.resolve("self-signed.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "feed", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    AtomicInteger requests = new AtomicInteger();
    https.createContext("/feed", exchange -> {
      requests.incrementAndGet();
      respond(exchange, 200, FEED);
    });
    https.start();
    try {
      URI url = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/feed");

      FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(url, Validators.none());

      assertThat(failed.outcome()).isEqualTo(FetchOutcome.UNREACHABLE);
      assertThat(failed.reason()).startsWith(url + ": TLS failed").containsIgnoringCase("certification path");
      assertThat(requests).hasValue(0);
    } finally {
      https.stop(0);
    }
  }

  @Test
  void unknownHostIsUnreachable() {
    URI url = URI.create("http://no-such-host.invalid/feed"); // .invalid never resolves (RFC 2606)

    FetchResult.Failed failed = (FetchResult.Failed) fetcher.fetch(url, Validators.none());

    assertThat(failed.outcome()).isEqualTo(FetchOutcome.UNREACHABLE);
    assertThat(failed.reason()).isEqualTo(url + ": unknown host no-such-host.invalid");
  }

  @Test
  void fileUrlIsRead() {
    FeedFetcher roomy = new FeedFetcher(Duration.ofSeconds(5), 1_000_000, "feedpipe-test/1");

    FetchResult result = roomy.fetch(Fixtures.fileUri("fixtures/lesswrong/poll-1.xml"), Validators.none());

    assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class, fetched -> {
      assertThat(fetched.body()).isEqualTo(Fixtures.bytes("fixtures/lesswrong/poll-1.xml"));
      assertThat(fetched.httpStatus()).isNull();
      assertThat(fetched.contentType()).isNull();
    });
  }

  @Test
  void missingFileIsUnreachable(@TempDir Path dir) {
    URI missing = dir.resolve("gone.xml").toUri();

    assertThat(fetcher.fetch(missing, Validators.none()))
        .isEqualTo(new FetchResult.Failed(FetchOutcome.UNREACHABLE, null, missing + ": no such file"));
  }

  @Test
  void fileOverTheLimitIsTooLarge(@TempDir Path dir) throws IOException {
    Path big = Files.write(dir.resolve("big.xml"), new byte[(int) LIMIT + 1]);

    assertThat(fetcher.fetch(big.toUri(), Validators.none()))
        .isInstanceOfSatisfying(FetchResult.Failed.class, failed -> assertThat(failed.outcome()).isEqualTo(FetchOutcome.TOO_LARGE));
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  /** Writes until the connection is cut (or 2 GB, so that it ends); returns the bytes written. */
  private static long writeUntilTheClientLeaves(OutputStream out) {
    byte[] chunk = new byte[64 * 1024];
    long total = 0;
    try {
      while (total < 2_000_000_000L) {
        out.write(chunk);
        total += chunk.length;
      }
    } catch (IOException expected) {
      // the client cut the connection
    }
    return total;
  }

  /** Reads one request's head (to its blank line); throws at the end of the stream. */
  private static void readRequest(InputStream in) throws IOException {
    int matched = 0;
    for (int b; (b = in.read()) != -1; ) {
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
      if (matched == 4) {
        return;
      }
    }
    throw new IOException("connection closed");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.feedpipe.web.http;

import static org.awaitility.Awaitility.await;

import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.web.WebSettings;
import io.feedpipe.web.store.PostQueries;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that never finish their request headers must not freeze the page: the server closes
 * them after its request time limit ({@link HttpServerLimits}), and its threads serve others again.
 */
class WebServerSlowClientTest {
  @TempDir Path stateDir;

  @Test
  void connectionsThatNeverFinishTheirHeadersAreClosedAndThePageAnswersAgain() throws Exception {
    WebSettings settings = WebSettings.defaults(new InetSocketAddress("127.0.0.1", 0), FeedpipeTopics.defaults(List.of()),
        Map.of(), stateDir);
    PostQueries noStore = new PostQueries(() -> {
      throw new InvalidStateStoreException("no store in this test");
    }, List.of(), route -> {
      throw new InvalidStateStoreException("no store in this test");
    });
    WebServer web = WebServer.start(settings, noStore, new CspReports(), true);
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) { // twice the worker threads
        Socket socket = new Socket("127.0.0.1", web.address().getPort());
        OutputStream out = socket.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII)); // no end of headers
        out.flush();
        slow.add(socket);
      }
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest style = HttpRequest.newBuilder(web.publicUrl().resolve("style.css")).timeout(Duration.ofSeconds(2)).build();
      // Without a limit the 16 connections hold the 8 threads for ever and every attempt times out.
      await().atMost(Duration.ofSeconds(HttpServerLimits.REQUEST_SECONDS * 4)).ignoreExceptions()
          .until(() -> client.send(style, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
      web.close();
    }
  }
}

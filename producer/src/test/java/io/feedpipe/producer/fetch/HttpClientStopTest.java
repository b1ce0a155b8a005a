package io.feedpipe.producer.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpClientStopTest {

  @Test
  void theSelectorThreadIsNamedAfterTheIdTheClientEndsWith() {
    assertThat(HttpClientStop.selectorThreadName("jdk.internal.net.http.HttpClientImpl@46d56d67(12)")).isEqualTo("HttpClient-12-SelectorManager");
    assertThat(HttpClientStop.selectorThreadName("SomeOtherClient@1")).isNull();
  }

  @Test
  void stoppingAClientEndsItsSelectorThreadAndLeavesAnotherClientsAlone() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      HttpClient stopped = HttpClient.newHttpClient();
      HttpClient kept = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      for (HttpClient client : new HttpClient[] {stopped, kept}) {
        assertThat(client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
      }
      String stoppedName = HttpClientStop.selectorThreadName(stopped.toString());
      String keptName = HttpClientStop.selectorThreadName(kept.toString());
      assertThat(thread(stoppedName)).as("the JDK names its selector thread as expected").isPresent();

      HttpClientStop.stop(stopped);

      // Without the stop the thread lives until the client is collected: the client is still referenced here.
      await().atMost(Duration.ofSeconds(10)).until(() -> thread(stoppedName).isEmpty());
      assertThat(thread(keptName)).as("another client's selector").isPresent();
      assertThat(kept.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
    } finally {
      server.stop(0);
    }
  }

  private static Optional<Thread> thread(String name) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).findFirst();
  }
}

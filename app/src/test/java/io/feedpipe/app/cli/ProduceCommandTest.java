package io.feedpipe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code feedpipe produce} where no broker answers: it says so, naming the address, and stops. */
class ProduceCommandTest {

  @Test
  void withoutABrokerItFailsNamingTheAddressAndWhatToCheck() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // free once closed: nothing listens there
    }
    String address = "127.0.0.1:" + closedPort;

    CliRun run = CliRun.of("produce", "--once", "--bootstrap-servers", address, "--feed", "http://127.0.0.1:9/feed.xml");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("no Kafka broker answers at " + address).contains("--bootstrap-servers");
  }
}

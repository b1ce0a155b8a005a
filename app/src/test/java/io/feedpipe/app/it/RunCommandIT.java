package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.app.FeedpipeCommand;
import io.feedpipe.broker.BrokerConfig;
import io.feedpipe.broker.EmbeddedKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code feedpipe} command as a user runs it: {@code run --once} starts the embedded broker,
 * ingests the sample feed and stops; run again on the same data directory it ingests nothing new;
 * {@code tail} then prints the 20 cleaned posts as JSON lines.
 */
class RunCommandIT {

  @TempDir Path dataDir;

  @Test
  void runOnceTwiceKeepsEveryRecordAndIngestsNothingNewThenTailPrintsTwentyPosts() throws Exception {
    int port = freePort();
    String feed = Path.of(RunCommandIT.class.getResource("/fixtures/lesswrong/feed.xml").toURI()).toString();
    String[] run = {"run", "--once", "--port", Integer.toString(port), "--data-dir", dataDir.toString(), "--feed", feed};

    assertThat(FeedpipeCommand.execute(run)).isZero();
    assertThat(FeedpipeCommand.execute(run)).as("second run on the same data directory").isZero();

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new BrokerConfig("127.0.0.1", port, dataDir.resolve("kafka"), Map.of()))) {
      List<JsonNode> clean = tail("posts.clean", port);
      List<JsonNode> raw = tail("posts.raw", port);
      assertThat(raw).as("two polls of 20 entries").hasSize(40);
      assertThat(clean).as("20 posts, the second poll all exact repeats").hasSize(20);
      assertThat(clean).allSatisfy(line -> {
        assertThat(line.get("topic").asText()).isEqualTo("posts.clean");
        assertThat(line.get("value").get("revision").asInt()).isEqualTo(1);
        assertThat(line.get("value").get("text").asText()).doesNotContain("mjx-chtml").doesNotStartWith("Published on");
        assertThat(line.get("value").get("authors").isArray()).isTrue();
      });
    }
  }

  @Test
  void badConfigurationValueIsAnErrorNamingTheSettingWithExitCode2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(FeedpipeCommand.execute("run", "--port", "0")).isEqualTo(2);
    } finally {
      System.setErr(original);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be between 1 and 65535, got 0");
  }

  private static List<JsonNode> tail(String topic, int port) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(FeedpipeCommand.execute("tail", topic, "--from-beginning", "--timeout", "3s", "--port", Integer.toString(port))).isZero();
    } finally {
      System.setOut(original);
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

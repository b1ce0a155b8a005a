package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.app.cli.CliRun;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./feedpipe run --once --config <file with topics.prefix: news.>} on the shared test broker:
 * every topic the run creates starts with {@code news.} (the Streams app's internal topics too,
 * since its application.id defaults to {@code news.feedpipe-streams}), and {@code news.posts.clean}
 * holds the LessWrong fixture's 20 posts. The cluster's topics are listed with kcat, as an
 * operator would: an independent client, not feedpipe's own Admin code.
 *
 * <p>kcat (Debian package {@code kcat}) must be on PATH in CI ({@code CI=true}, or {@code
 * -Dfeedpipe.test.kcat=required}); elsewhere the test is skipped without it.
 */
@KafkaCluster
class TopicsPrefixIT {

  @TempDir Path work;

  @Test
  void runUnderAPrefixCreatesOnlyPrefixedTopicsAndTailFindsTheTwentyPostsByBaseName(KafkaClusterInfo kafka) throws Exception {
    requireKcat();
    Set<String> before = topicsWithKcat(kafka.bootstrapServers());
    String feed = Path.of(TopicsPrefixIT.class.getResource("/fixtures/lesswrong/feed.xml").toURI()).toString();
    Path config = work.resolve("feedpipe.yaml");
    Files.writeString(config, """
        kafka:
          bootstrap-servers: %s
        topics:
          prefix: news.
          partitions: 2
        """.formatted(kafka.bootstrapServers()));

    CliRun run = CliRun.of("run", "--once", "--config", config.toString(), "--data-dir", work.resolve("data").toString(), "--feed", feed);
    assertThat(run.exitCode()).as("run --once; stderr:%n%s", run.err()).isZero();

    Set<String> created = new HashSet<>(topicsWithKcat(kafka.bootstrapServers()));
    created.removeAll(before);
    created.removeIf(name -> name.startsWith("__")); // Kafka's own: __consumer_offsets, __transaction_state
    assertThat(created).as("topics the run created").isNotEmpty()
        .allMatch(name -> name.startsWith("news."), "start with news.")
        .contains("news.posts.raw", "news.posts.clean", "news.posts.updates", "news.posts.dlq", "news.feeds.status",
            "news.feeds.config", "news.feeds.state", "news.posts.route.linkposts", "news.posts.route.papers",
            "news.feedpipe-streams-post-state-changelog");

    // tail resolves the base name through the configured prefix.
    CliRun tail = CliRun.of("tail", "posts.clean", "--config", config.toString(), "--from-beginning", "--timeout", "3s");
    assertThat(tail.exitCode()).as("tail; stderr:%n%s", tail.err()).isZero();
    List<JsonNode> lines = jsonLines(tail.out());
    assertThat(lines).as("the fixture's 20 posts").hasSize(20).allSatisfy(line -> {
      assertThat(line.get("topic").asText()).isEqualTo("news.posts.clean");
      assertThat(line.get("value").get("revision").asInt()).isEqualTo(1);
    });
  }

  /** kcat is needed in CI; elsewhere its absence skips the test with the reason. */
  private static void requireKcat() {
    boolean available = onPath("kcat");
    boolean required = "true".equalsIgnoreCase(System.getenv("CI")) || "required".equals(System.getProperty("feedpipe.test.kcat"));
    if (!available && required) {
      fail("kcat is not on PATH, and CI=true (or -Dfeedpipe.test.kcat=required) requires it: apt-get install -y kcat");
    }
    Assumptions.assumeTrue(available, "kcat is not on PATH (apt-get install -y kcat); skipping the topic listing check");
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** The cluster's topic names from {@code kcat -L -J} (metadata as JSON). */
  private static Set<String> topicsWithKcat(String bootstrapServers) throws IOException, InterruptedException {
    Process kcat = new ProcessBuilder("kcat", "-b", bootstrapServers.split(",")[0], "-L", "-J").redirectErrorStream(false).start();
    byte[] out = kcat.getInputStream().readAllBytes();
    String err = new String(kcat.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).as("kcat finished").isTrue();
    assertThat(kcat.exitValue()).as("kcat exit code; stderr: %s", err).isZero();
    Set<String> names = new HashSet<>();
    for (JsonNode topic : new ObjectMapper().readTree(out).path("topics")) {
      names.add(topic.get("topic").asText());
    }
    return names;
  }

  private static List<JsonNode> jsonLines(String text) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }
}

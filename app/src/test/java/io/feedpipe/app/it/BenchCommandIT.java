package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.app.cli.CliRun;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code feedpipe bench} as a user runs it, small, against an existing cluster (this JVM's test
 * broker, which holds no feedpipe topics): every stage runs, the table comes out with every row and
 * ratio, no post is lost or duplicated (exit 0), and the bench removes the topics it created. No
 * time is asserted.
 */
@KafkaCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the refusal test creates a feedpipe topic on the shared broker
class BenchCommandIT {

  @TempDir Path work;

  @Test
  @Order(1)
  void smallRunPrintsEveryRowAndRatioExitsZeroAndCleansUp(KafkaClusterInfo kafka) throws Exception {
    Path markdown = work.resolve("bench.md");
    CliRun run = CliRun.of("bench", "--posts", "60", "--posts-per-feed", "10", "--bootstrap-servers", kafka.bootstrapServers(),
        "--out", markdown.toString());

    assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
    for (String row : List.of("ceiling: Kafka produce → consume", "ceiling: Streams pass-through, EOS", "floor: bare Jsoup parse, 1 thread",
        "clean: HtmlCleaner, 1 thread", "producer stage", "streams stage", "whole pipeline")) {
      assertThat(run.out().lines().filter(line -> line.startsWith(row)).findFirst()).as("row %s in%n%s", row, run.out())
          .hasValueSatisfying(line -> assertThat(line).contains("  60  "));
    }
    assertThat(run.out()).contains("end-to-end latency, fetch → committed in posts.clean (60 posts): p50 ")
        .contains("pipeline / ceiling (Kafka produce → consume)").contains("clean / bare parse")
        .containsPattern("streams stage / \\(cores ÷ clean cost\\) +\\d+\\.\\d\\d")
        .contains("exactly once: streams stage: all 60 posts exactly once in posts.clean; pipeline: all 60 posts exactly once");
    assertThat(Files.readString(markdown)).contains("|stage|posts|wall s|posts/s|").contains("|whole pipeline|60|");

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Set<String> left = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      assertThat(left).as("topics left behind").noneMatch(name -> name.startsWith("posts.") || name.startsWith("feeds.")
          || name.startsWith("bench-"));
    }
  }

  @Test
  @Order(2)
  void refusesAClusterThatHoldsFeedpipeTopics(KafkaClusterInfo kafka) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("posts.clean", Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
    }
    try {
      CliRun run = CliRun.of("bench", "--posts", "10", "--bootstrap-servers", kafka.bootstrapServers());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("already has feedpipe topics [posts.clean]").contains("use a cluster without a feedpipe deployment");
    } finally {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.deleteTopics(List.of("posts.clean")).all().get(30, TimeUnit.SECONDS);
      }
    }
  }
}

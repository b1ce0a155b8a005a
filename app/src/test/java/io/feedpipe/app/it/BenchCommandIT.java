package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.app.cli.CliRun;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code feedpipe bench} as a user runs it, small, against an existing cluster (this JVM's test
 * broker): every stage runs, the table comes out with every row and ratio, no post is lost or
 * duplicated (exit 0), and the bench removes the topics it created. It runs under a topics prefix
 * of its own, so a pipeline's topics on the same cluster are left as they are. No time is asserted.
 */
@KafkaCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the second test creates a pipeline's topics on the shared broker
class BenchCommandIT {

  @TempDir Path work;

  @Test
  @Order(1)
  void smallRunPrintsEveryRowAndRatioAPacedStepExitsZeroAndCleansUp(KafkaClusterInfo kafka) throws Exception {
    Path markdown = work.resolve("bench.md");
    Set<String> before = topics(kafka);
    CliRun run = CliRun.of("bench", "--posts", "60", "--posts-per-feed", "10", "--bootstrap-servers", kafka.bootstrapServers(),
        "--rate", "20", "--duration", "2", "--warmup-posts", "120", "--out", markdown.toString());

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
    assertThat(run.out()).contains("streams stage / ceiling (Streams pass-through, EOS)").contains("stream threads / bare parse")
        .contains("written to the broker for the first batch (60 posts").containsPattern("\n  posts\\.raw +\\d+\\.\\d\\d +\\d")
        .containsPattern("\n  posts\\.clean +\\d+\\.\\d\\d").containsPattern("\n  streams app: [a-z-]+-changelog ")
        .contains("write amplification: ").contains("posts.clean carries per post (60 records)");
    // The paced step: 20 posts/s for 2 s, every post through producer, Kafka and the Streams app.
    assertThat(run.out().lines().filter(line -> line.startsWith("  20 ")).findFirst()).as("paced step in%n%s", run.out())
        .hasValueSatisfying(line -> assertThat(line).containsPattern(" 40 +40 +\\d"));
    assertThat(run.out()).contains("highest rate held (every post, p99 fetch → posts.clean ≤ 1,000 ms)");
    // Two warm-up rounds over a copy of the batch, in topics of their own: a warm-up post in the
    // timed posts.clean would have failed the exactly-once check above.
    assertThat(run.out()).contains("warm-up: before the timed Streams runs, feedpipe's topology ran over a copy of 60 posts.raw "
        + "records (2 times, 120 posts in all)");
    assertThat(run.err()).contains("warm-up (not timed), feedpipe topology, round 2");
    assertThat(Files.readString(markdown)).contains("|stage|posts|wall s|posts/s|").contains("|whole pipeline|60|")
        .contains("|rate posts/s|");

    Set<String> left = new HashSet<>(topics(kafka));
    left.removeIf(name -> name.startsWith("__")); // Kafka's own, created on first use
    assertThat(left).as("topics left behind").isSubsetOf(before).noneMatch(name -> name.startsWith("bench-"));
  }

  private static Set<String> topics(KafkaClusterInfo kafka) throws Exception {
    try (Admin admin = kafka.admin()) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(2)
  void runsNextToAPipelinesTopicsAndLeavesThemAlone(KafkaClusterInfo kafka) throws Exception {
    // The pipeline's configuration routes papers to a topic of its own, which a pipeline uses as
    // written: the bench (its warm-up included) must route into a copy under its own prefix.
    Path config = work.resolve("pipeline.yaml");
    Files.writeString(config, """
        routes:
          - name: papers
            topic: alerts.papers
            when: {title: '^\\[Paper\\]'}
        """);
    List<String> pipeline = List.of("posts.raw", "posts.clean", "feeds.status", "alerts.papers");
    List<String> createdHere = new ArrayList<>();
    try (Admin admin = kafka.admin()) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      for (String name : pipeline) {
        if (!existing.contains(name)) { // LessWrongPipelineIT may have made them already in this JVM
          admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
          createdHere.add(name);
        }
      }
    }
    try {
      Map<TopicPartition, Long> endsBefore = ends(kafka, pipeline);
      CliRun run = CliRun.of("bench", "--posts", "200", "--posts-per-feed", "20", "--bootstrap-servers", kafka.bootstrapServers(),
          "--config", config.toString());

      assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
      assertThat(run.out()).contains("exactly once: streams stage: all 200 posts exactly once in posts.clean");
      assertThat(run.out()).as("the bench's own copy of the route topic took the papers")
          .containsPattern("\n  alerts\\.papers +0\\.\\d*[1-9]");
      assertThat(topics(kafka)).as("the pipeline's topics stay").containsAll(pipeline).noneMatch(name -> name.startsWith("bench-"));
      assertThat(ends(kafka, pipeline)).as("nothing written into the pipeline's topics").isEqualTo(endsBefore);
    } finally {
      try (Admin admin = kafka.admin()) {
        admin.deleteTopics(createdHere).all().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static Map<TopicPartition, Long> ends(KafkaClusterInfo kafka, List<String> topics) throws Exception {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
          description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
      return ends;
    }
  }
}

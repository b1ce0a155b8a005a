package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedpipe.app.cli.CliRun;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.sinks.postgres.PostgresSink;
import io.feedpipe.sinks.postgres.PostgresSinkSettings;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.testsupport.PostgresDatabase;
import io.feedpipe.testsupport.PostgresTables;
import io.feedpipe.testsupport.RealPostgres;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The postgres sink end to end: the three LessWrong polls go through {@code feedpipe run --once}
 * (producer and Streams app) on the embedded broker; the sink writes posts.clean into a real
 * PostgreSQL server; {@code feedpipe replay --to-earliest --execute} and a second run of the sink
 * must leave every row as it was. Uses feedpipe's fixed topic names: its own JVM (failsafe
 * reuseForks=false).
 */
@KafkaCluster
@RealPostgres
class PostgresSinkLessWrongIT {
  static final String GROUP = "feedpipe-sink-postgres";

  @TempDir Path work;

  @Test
  void threeLessWrongPollsBecomeTwentyPostsAndTwentyTwoRevisionsAndAReplayChangesNoRow(KafkaClusterInfo kafka, PostgresDatabase db)
      throws Exception {
    String bootstrap = kafka.bootstrapServers();
    Path feed = work.resolve("lesswrong").resolve("feed.xml");
    Files.createDirectories(feed.getParent());
    Instant mtime = Instant.parse("2026-11-01T00:00:00Z");
    for (String poll : List.of("poll-1.xml", "poll-2.xml", "poll-3.xml")) {
      try (InputStream in = PostgresSinkLessWrongIT.class.getResourceAsStream("/fixtures/lesswrong/" + poll)) {
        Files.copy(in, feed, StandardCopyOption.REPLACE_EXISTING);
      }
      mtime = mtime.plusSeconds(3600);
      Files.setLastModifiedTime(feed, FileTime.from(mtime)); // a changed file, whatever the clock's resolution
      CliRun run = CliRun.of("run", "--once", "--bootstrap-servers", bootstrap, "--data-dir", work.resolve("data").toString(),
          "--feed", feed.toString());
      assertThat(run.exitCode()).as("run --once with %s: %s", poll, run.err()).isZero();
    }

    PostgresSinkSettings settings = PostgresSinkSettings.of(db.jdbcUrl(), db.user(), db.password());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      long firstPass = runSinkUntilCaughtUp(admin, settings, bootstrap);
      assertThat(firstPass).as("revisions read from posts.clean").isEqualTo(22);
      Map<String, List<Map<String, Object>>> tables;
      try (Connection c = db.connect()) {
        tables = PostgresTables.snapshot(c);
      }
      assertThat(tables.get("posts")).hasSize(20);
      assertThat(tables.get("post_revisions")).hasSize(22);
      assertThat(tables.get("sink_rejects")).isEmpty();
      assertThat(tables.get("posts").stream().filter(r -> (Integer) r.get("revision") == 2).map(r -> r.get("title")))
          .containsExactlyInAnyOrder("I have hope", "A few quick thoughts on measuring disempowerment");
      assertThat(tables.get("posts")).allSatisfy(r -> assertThat((String) r.get("text")).doesNotContain("mjx-chtml"));

      CliRun plan = CliRun.of("replay", "--bootstrap-servers", bootstrap, "--group", GROUP, "--topic", FeedpipeTopics.CLEAN, "--to-earliest");
      assertThat(plan.exitCode()).as(plan.err()).isZero();
      assertThat(plan.out()).contains("dry run").contains("total: ");
      CliRun replay = CliRun.of("replay", "--bootstrap-servers", bootstrap, "--group", GROUP, "--topic", FeedpipeTopics.CLEAN, "--to-earliest",
          "--execute");
      assertThat(replay.exitCode()).as(replay.err()).isZero();
      assertThat(replay.out()).contains("done: group " + GROUP);

      long secondPass = runSinkUntilCaughtUp(admin, settings, bootstrap);
      assertThat(secondPass).as("every revision delivered again").isEqualTo(22);
      try (Connection c = db.connect()) {
        assertThat(PostgresTables.snapshot(c)).isEqualTo(tables);
      }
    }
  }

  /** Runs the sink until its group committed the end of every partition of posts.clean; returns the records it wrote. */
  private static long runSinkUntilCaughtUp(Admin admin, PostgresSinkSettings settings, String bootstrap) throws Exception {
    Map<TopicPartition, Long> ends = ends(admin);
    PostgresSink sink = new PostgresSink(settings, Map.of("bootstrap.servers", bootstrap));
    Thread thread = new Thread(sink, "sink-postgres");
    thread.start();
    try {
      await("the sink catching up with " + ends).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
          .failFast("the sink thread stopped before catching up with " + ends, () -> !thread.isAlive())
          .untilAsserted(() -> assertThat(committed(admin)).as("the sink's committed offsets").containsAllEntriesOf(ends));
      return sink.recordsHandled();
    } finally {
      assertThat(sink.stopAndAwait(Duration.ofSeconds(30))).isTrue();
      thread.join();
    }
  }

  private static Map<TopicPartition, Long> ends(Admin admin) throws Exception {
    int partitions = admin.describeTopics(List.of(FeedpipeTopics.CLEAN)).allTopicNames().get(30, TimeUnit.SECONDS)
        .get(FeedpipeTopics.CLEAN).partitions().size();
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      specs.put(new TopicPartition(FeedpipeTopics.CLEAN, p), OffsetSpec.latest());
    }
    return admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS).entrySet().stream()
        .filter(e -> e.getValue().offset() > 0)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
    return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

}

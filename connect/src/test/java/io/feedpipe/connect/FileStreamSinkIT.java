package io.feedpipe.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.connect.worker.ConnectWorker;
import io.feedpipe.connect.worker.TestTopics;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.testsupport.SamplePosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file sink that does what Kafka's FileStreamSinkConnector does ({@link
 * io.feedpipe.connect.worker.LineFileSinkConnector}) on a real standalone worker reads a posts.clean
 * topic through the converter, installed from its plugin directory. The file sink writes each
 * record value's {@code toString()}, one per line: for a Struct that is Connect's {@code Struct{field=value,…}}
 * form, not JSON (docs/consuming.md says so and where JSON lines come from).
 */
@KafkaCluster
class FileStreamSinkIT {

  @Test
  void everyPostOfEveryReleasedVersionIsALineOfTheFile(KafkaClusterInfo kafka, @TempDir Path dir) throws Exception {
    String topic = kafka.uniqueName("posts.clean");
    TestTopics.create(kafka, topic, 3);
    CleanPost a = SamplePosts.cleanPost("blog:a", 1);
    CleanPost b = SamplePosts.cleanPost("blog:b", 2);
    CleanPost old = SamplePosts.cleanPost("blog:old", 1);
    TestTopics.produce(kafka, topic, List.of(TestTopics.current(a), TestTopics.current(b), TestTopics.asVersion1(old)));
    Path out = dir.resolve("posts.txt");

    Map<String, String> connector = Map.of(
        "name", "posts-file",
        "connector.class", io.feedpipe.connect.worker.LineFileSinkConnector.class.getName(),
        "tasks.max", "1",
        "topics", topic,
        "file", out.toString(),
        "key.converter", "org.apache.kafka.connect.storage.StringConverter",
        "value.converter", "io.feedpipe.connect.FeedpipeAvroConverter",
        "value.converter.record.type", "CleanPost");

    try (ConnectWorker worker = ConnectWorker.start(ConnectWorker.workDir(kafka.uniqueName("file-sink")), kafka.bootstrapServers(), List.of(connector))) {
      worker.awaitUntil("three lines in " + out, Duration.ofMinutes(2), () -> Files.exists(out) && Files.readAllLines(out, StandardCharsets.UTF_8).size() >= 3);

      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      assertThat(lines).as(worker.logTail()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("Struct{postId=blog:"));
      assertThat(lines).anySatisfy(line -> assertThat(line)
          .contains("postId=blog:a,revision=1,title=Post blog:a r1,link=https://example.org/blog:a,authors=[Ada]")
          .contains("publishedAt=" + java.util.Date.from(a.getPublishedAt())));
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("postId=blog:b,revision=2,"));
      // Written by CleanPost v1, read in the current version: v2/v3 fields take their defaults.
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("postId=blog:old,").contains("readingTimeMinutes=0")
          .contains("truncated=false"));
      assertThat(worker.log()).as("the converter came from the plugin directory")
          .contains("Loading plugin from: " + ConnectWorker.pluginPath().resolve("feedpipe-connect"));
    }
  }
}

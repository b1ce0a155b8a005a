package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedpipe.app.it.faults.CommittedReader;
import io.feedpipe.app.it.faults.EditWorkload;
import io.feedpipe.app.it.faults.ExactlyOnceVerifier;
import io.feedpipe.app.it.faults.StreamsProcess;
import io.feedpipe.ops.lag.CatchUp;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.topics.TopicCreator;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.StaticMemberId;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery of the Streams stage: {@code feedpipe streams} runs as a separate process with
 * feedpipe's own recovery settings (no session timeout of the test's), is SIGKILLed while posts are
 * being processed, and is started again on the same state directory. Posts written after the
 * restart must reach posts.clean, every (post id, revision) exactly once; the restarted instance
 * must come back under the same static member id, and its dedupe store must be the one it had
 * (restored from the changelog's tail, not wiped and rebuilt as exactly-once did before
 * transactional state stores). How fast it resumes is measured by {@code bench-recovery}
 * (docs/benchmarks-and-faults.md), not asserted here.
 */
@KafkaCluster
class StreamsCrashRecoveryIT {
  private static final Logger log = LoggerFactory.getLogger(StreamsCrashRecoveryIT.class);

  private static final int POSTS = 1_200;
  private static final int RATE = 100;

  @TempDir Path dir;

  @Test
  void aKilledStreamsProcessRestartsOnItsOwnStateAndLosesAndDuplicatesNothing(KafkaClusterInfo kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    String appId = kafka.uniqueName("feedpipe-crash");
    EditWorkload workload = new EditWorkload(kafka.uniqueName("crash"), POSTS, 42);
    List<EditWorkload.Event> events = workload.events();
    List<EditWorkload.Event> beforeRestart = events.subList(0, events.size() / 2);
    List<EditWorkload.Event> afterRestart = events.subList(events.size() / 2, events.size());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      new TopicCreator(admin).ensure(FeedpipeTopics.defaults(List.of("linkposts", "papers")).all());
    }
    Path config = dir.resolve("crash.yaml");
    Files.writeString(config, "streams:\n  application-id: " + appId + "\n");
    Path data = dir.resolve("data");
    Path stateDir = data.resolve("streams");
    List<String> args = List.of("streams", "--bootstrap-servers", bootstrap, "--config", config.toString(), "--data-dir", data.toString());
    Path logFile = Path.of("target", appId + "-streams.log").toAbsolutePath();

    try (StreamsProcess streams = new StreamsProcess(args, logFile);
        Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "default.api.timeout.ms", 10_000, "request.timeout.ms", 5_000))) {
      streams.start();
      CompletableFuture<Void> firstHalf = CompletableFuture.runAsync(() -> produce(bootstrap, workload, beforeRestart));
      // Killed in the middle of the work: after a quarter of the input has been committed, while
      // the producer is still sending (so a transaction is open).
      long quarter = events.size() / 4;
      await("streams app " + appId + " committing beyond " + quarter + " records (log: " + logFile + ")")
          .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
          .failFast("streams process died (log: " + logFile + ")", () -> !streams.alive())
          .until(() -> committed(admin, appId) > quarter);
      Map<String, String> storesBefore = storeIdentities(stateDir.resolve(appId));
      String memberId = StaticMemberId.of(stateDir, appId);
      streams.kill();
      log.info("SIGKILLed streams at {} records committed; stores {}", committed(admin, appId), storesBefore.keySet());
      assertThat(storesBefore).as("the dedupe store's RocksDB directories under %s", stateDir).isNotEmpty();
      firstHalf.get(2, TimeUnit.MINUTES);

      streams.start();
      produce(bootstrap, workload, afterRestart);
      assertThat(CatchUp.await(admin, appId, FeedpipeTopics.RAW, Duration.ofMinutes(3)))
          .as("restarted streams app processed all of posts.raw (log: %s)", logFile).isTrue();

      List<MemberDescription> members = List.copyOf(admin.describeConsumerGroups(List.of(appId)).all().get(10, TimeUnit.SECONDS)
          .get(appId).members());
      assertThat(members).as("members of %s after the restart", appId).isNotEmpty()
          .allSatisfy(m -> assertThat(m.groupInstanceId()).as("static member id").hasValueSatisfying(id -> assertThat(id).startsWith(memberId)));
      Map<String, String> storesAfter = storeIdentities(stateDir.resolve(appId));
      assertThat(storesAfter).as("each task's RocksDB store after the kill is the one before it (not wiped and restored from scratch)")
          .containsAllEntriesOf(storesBefore);
      assertThat(streams.alive()).as("streams still running (log: %s)", logFile).isTrue();
      streams.stop();
    }

    Map<String, Integer> revisions = workload.revisions();
    var clean = ExactlyOnceVerifier.verify(FeedpipeTopics.CLEAN, CommittedReader.read(bootstrap, FeedpipeTopics.CLEAN), revisions, (id, rev) -> true);
    var updates = ExactlyOnceVerifier.verify(FeedpipeTopics.UPDATES, CommittedReader.read(bootstrap, FeedpipeTopics.UPDATES), revisions,
        (id, rev) -> rev > 1);
    log.info("verified {}; {}", clean, updates);
    assertThat(clean.ok()).as(clean.toString()).isTrue();
    assertThat(updates.ok()).as(updates.toString()).isTrue();
    // Posts first sent after the restart are among them: the pipeline resumed.
    assertThat(afterRestart.stream().filter(e -> e.version() == 1 && !e.repeat())).isNotEmpty();
  }

  /**
   * Task directory → the RocksDB IDENTITY of its dedupe store: RocksDB writes a new one whenever a
   * store is created, so a store wiped and rebuilt from the changelog has another.
   */
  private static Map<String, String> storeIdentities(Path appStateDir) throws IOException {
    Map<String, String> identities = new TreeMap<>();
    if (!Files.isDirectory(appStateDir)) {
      return identities;
    }
    try (Stream<Path> files = Files.walk(appStateDir)) {
      files.filter(p -> p.getFileName().toString().equals("IDENTITY")).forEach(p -> {
        try {
          identities.put(appStateDir.relativize(p).toString(), Files.readString(p).strip());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return identities;
  }

  private static long committed(Admin admin, String appId) throws Exception {
    return admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).entrySet().stream()
        .filter(e -> e.getKey().topic().equals(FeedpipeTopics.RAW) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  private static void produce(String bootstrap, EditWorkload workload, List<EditWorkload.Event> events) {
    Map<String, Object> props = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
        ProducerConfig.LINGER_MS_CONFIG, 5);
    try (var producer = new KafkaProducer<String, FetchedPost>(props, new StringSerializer(), AvroSerdes.serializer(FetchedPost.class))) {
      long start = System.nanoTime();
      int i = 0;
      for (EditWorkload.Event event : events) {
        producer.send(new ProducerRecord<>(FeedpipeTopics.RAW, event.postId(), workload.record(event, Instant.now()))).get();
        long wait = start + (long) (++i * 1e9 / RATE) - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("producing posts.raw", e);
    }
  }
}

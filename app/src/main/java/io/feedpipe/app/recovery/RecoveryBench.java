package io.feedpipe.app.recovery;

import io.feedpipe.bench.memory.SyntheticPosts;
import io.feedpipe.bench.memory.Timeline;
import io.feedpipe.broker.BrokerConfig;
import io.feedpipe.broker.EmbeddedKafkaBroker;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.topics.TopicCreator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The crash-recovery benchmark ({@code feedpipe bench-recovery}): an embedded broker, the real
 * {@code feedpipe streams} as a child JVM over N distinct small posts (so its dedupe store and
 * changelog hold N ids), then restarts measured from the moment the new process is asked for until
 * a probe post written right after it appears in posts.clean:
 *
 * <ol>
 *   <li>after a SIGKILL, with feedpipe's settings (transactional state stores, static membership);
 *   <li>after a clean stop (SIGTERM: commit, checkpoint, leave the group) — the ceiling: nothing to
 *       restore, no one to wait for;
 *   <li>after a SIGKILL with Kafka 4.3's behaviour (transactional state stores off, a dynamic
 *       member, the consumer's default 45 s session): the peer.
 * </ol>
 */
public final class RecoveryBench {

  /** The scenarios, in the order they run on the same store. */
  public enum Scenario {
    FIRST_START("first start, store restored from the changelog"),
    KILL("kill -9, feedpipe's settings"),
    CLEAN_STOP("clean stop (SIGTERM), feedpipe's settings"),
    KILL_AS_BEFORE("kill -9, Kafka 4.3 behaviour");

    final String label;

    Scenario(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Kafka 4.3's behaviour on the same libraries: a dynamic member, the 45 s session, the store wiped after a crash. */
  static final Map<String, String> AS_BEFORE = Map.of(
      "enable.transactional.statestores", "false",
      "main.consumer.group.instance.id", "",
      "session.timeout.ms", "45000");

  public record Options(long ids, int postSize, int feeds, Duration timeout, Path workDir, boolean keepData, String childHeap) {}

  /**
   * @param toResume from asking for the new JVM until the probe is in posts.clean
   * @param afterStreamsStart the part of it after Kafka Streams started (StreamsApp's first state
   *     change): without the JVM's and the command's own start-up, which no recovery setting changes
   */
  public record Measure(Scenario scenario, Duration toResume, Duration afterStreamsStart) {}

  public record Result(long ids, long changelogRecords, List<Measure> measures) {}

  private static final String APP_ID = "feedpipe-recovery";
  private static final int PROBES = 16;

  private final Options options;
  private final PrintWriter progress;

  public RecoveryBench(Options options, PrintWriter progress) {
    this.options = options;
    this.progress = progress;
  }

  public Result run() throws Exception {
    Path work = Files.createTempDirectory(options.workDir(), "bench-recovery-");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new BrokerConfig("127.0.0.1", 0, work.resolve("kafka"), Map.of()))) {
      String servers = broker.bootstrapServers();
      Timeline timeline = Timeline.endingAt(Instant.now(), Duration.ofHours(24), options.ids() + PROBES);
      SyntheticPosts posts = new SyntheticPosts(1, options.feeds(), options.postSize(), timeline);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
        new TopicCreator(admin).ensure(FeedpipeTopics.defaults(List.of()).all());
      }
      Path feedpipeDefaults = writeConfig(work.resolve("streams.yaml"), Map.of());
      Path asBefore = writeConfig(work.resolve("streams-4.3.yaml"), AS_BEFORE);
      List<String> jvm = List.of("-Xmx" + options.childHeap(), "-XX:+UseSerialGC");
      Path log = work.resolve("streams.log");
      List<Measure> measures = new ArrayList<>();
      try (StreamsChild streams = new StreamsChild(jvm, log);
          Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
        long seedStart = System.nanoTime();
        DedupeStoreSeed.write(servers, admin, APP_ID, posts, options.ids(), progress);
        Duration seed = Duration.ofNanos(System.nanoTime() - seedStart);
        progress.printf("bench-recovery: %,d ids written to the dedupe store's changelog in %d s; first start of feedpipe streams "
            + "restores them (log: %s)%n", options.ids(), seed.toSeconds(), log);
        try (ProbeWatcher probes = new ProbeWatcher(servers, posts, options.ids())) {
          long firstStart = streams.start(args(servers, feedpipeDefaults, work));
          Duration restoreAll = awaitProbe(probes, streams, firstStart);
          progress.printf("bench-recovery: first start (store restored from the whole changelog): resumed in %.1f s%n",
              restoreAll.toMillis() / 1000.0);
          measures.add(new Measure(Scenario.FIRST_START, restoreAll, sinceStreamsStart(streams, firstStart, restoreAll)));
          awaitProbe(probes, streams, System.nanoTime()); // a second probe: the app is past its first commits

          streams.kill();
          measures.add(measure(Scenario.KILL, streams, probes, args(servers, feedpipeDefaults, work)));

          streams.stop();
          measures.add(measure(Scenario.CLEAN_STOP, streams, probes, args(servers, feedpipeDefaults, work)));

          // Kafka 4.3's behaviour on a store of its own, made without transactional state stores (a
          // store made with them keeps its committed offset inside, which it would still trust).
          streams.stop();
          List<String> before = streamsArgs(servers, asBefore, work.resolve("data-4.3"));
          streams.start(before);
          awaitProbe(probes, streams, System.nanoTime());
          streams.kill();
          measures.add(measure(Scenario.KILL_AS_BEFORE, streams, probes, before));
          streams.stop();
        }
        long changelog = ChangelogSize.records(admin, APP_ID);
        return new Result(options.ids(), changelog, measures);
      }
    } finally {
      if (options.keepData()) {
        progress.println("bench-recovery: kept " + work);
      } else {
        deleteQuietly(work);
      }
    }
  }

  private Measure measure(Scenario scenario, StreamsChild streams, ProbeWatcher probes, List<String> args) throws Exception {
    long started = streams.start(args);
    Duration toResume = awaitProbe(probes, streams, started);
    Duration afterStart = sinceStreamsStart(streams, started, toResume);
    progress.printf("bench-recovery: %s: resumed in %.1f s (%.1f s after Kafka Streams started)%n", scenario.label(),
        toResume.toMillis() / 1000.0, afterStart.toMillis() / 1000.0);
    return new Measure(scenario, toResume, afterStart);
  }

  private static Duration sinceStreamsStart(StreamsChild streams, long started, Duration toResume) {
    long streamsStarted = streams.streamsStartedAt();
    return streamsStarted < 0 ? toResume : toResume.minusNanos(streamsStarted - started);
  }

  /** Writes the next probe post and waits for it in posts.clean; the time from {@code since}. */
  private Duration awaitProbe(ProbeWatcher probes, StreamsChild streams, long since) throws Exception {
    long seenAt = probes.sendAndAwait(options.timeout(), streams::alive);
    if (seenAt < 0) {
      throw new IllegalStateException("the probe post did not reach posts.clean within " + options.timeout()
          + (streams.alive() ? "" : " (feedpipe streams died)") + " (log: " + streams.logFile() + ")");
    }
    return Duration.ofNanos(seenAt - since);
  }

  /** {@code feedpipe streams} on the run's data directory. */
  private static List<String> args(String servers, Path config, Path work) {
    return streamsArgs(servers, config, work.resolve("data"));
  }

  private static List<String> streamsArgs(String servers, Path config, Path dataDir) {
    return List.of("streams", "--bootstrap-servers", servers, "--config", config.toString(), "--data-dir", dataDir.toString());
  }

  private static Path writeConfig(Path file, Map<String, String> kafkaProperties) throws IOException {
    StringBuilder yaml = new StringBuilder();
    if (!kafkaProperties.isEmpty()) {
      yaml.append("kafka:\n  properties:\n");
      kafkaProperties.forEach((k, v) -> yaml.append("    ").append(k).append(": '").append(v).append("'\n"));
    }
    // No routes: the dedupe store is the point; the producer is not run.
    yaml.append("streams:\n  application-id: ").append(APP_ID).append("\nroutes: []\n");
    return Files.writeString(file, yaml);
  }

  private static void deleteQuietly(Path dir) {
    try {
      org.apache.kafka.common.utils.Utils.delete(dir.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}

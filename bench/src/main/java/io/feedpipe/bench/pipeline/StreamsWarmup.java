package io.feedpipe.bench.pipeline;

import io.feedpipe.producer.kafka.KafkaProducerConfig;
import io.feedpipe.schemas.topics.TopicCreator;
import io.feedpipe.streams.topology.FeedpipeTopology;
import io.feedpipe.streams.topology.StreamsProperties;
import io.feedpipe.streams.topology.StreamsSettings;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * Runs feedpipe's topology (in one or more rounds) and the pass-through once, untimed, before the
 * timed Streams runs.
 *
 * <p>Why: the bench holds the broker, the clients, Streams and feedpipe in one JVM, and without this
 * the timed Streams stage is the first code to run feedpipe's topology: the JIT compiles it during
 * the stage while the stream threads run it interpreted or from C1, and fresh apps over the same
 * records later in the run are much faster (docs/results.md, 5 December 2026 from 14:10 UTC). A
 * pipeline runs for days, so the figures the bench compares are its steady state, and both sides of
 * the ratio are warmed alike: feedpipe's topology over a copy of the batch's posts.raw records in
 * topics of its own, the pass-through over the ceiling's records into a copy of its own. Neither
 * touches the topics the timed runs read or write.
 */
final class StreamsWarmup {
  static final String LABEL = "warm-up (not timed)";

  /**
   * Where and how the warm-up runs.
   *
   * @param feedpipeRound the settings of round n's feedpipe app (1-based): its own application id,
   *     all rounds one topics prefix and the same routes
   * @param pass the warm-up pass-through's settings: its own application id
   * @param passFrom the ceiling's topic, which the pass-through reads
   * @param passTo the warm-up pass-through's output topic, created here
   */
  record Setup(Map<String, Object> kafka, String servers, Map<String, String> overrides, IntFunction<StreamsSettings> feedpipeRound,
      StreamsSettings pass, String passFrom, String passTo, int partitions, Optional<Short> replicationFactor) {}

  private final Setup setup;
  private final PrintWriter err;

  StreamsWarmup(Setup setup, PrintWriter err) {
    this.setup = setup;
    this.err = err;
  }

  /**
   * Copies the first {@code plan.copy()} records into the warm-up's posts.raw and runs the apps.
   *
   * @param created topics created here are added, for the clean-up
   * @param groups each app's application id is added before it starts, for the clean-up
   */
  void run(WarmupPlan plan, List<String> keys, List<byte[]> values, List<String> created, List<String> groups) throws Exception {
    StreamsSettings first = setup.feedpipeRound().apply(1);
    try (Admin admin = Admin.create(setup.kafka())) {
      created.addAll(new TopicCreator(admin).ensure(first.allTopics()));
      admin.createTopics(List.of(new NewTopic(setup.passTo(), Optional.of(setup.partitions()), setup.replicationFactor())))
          .all().get(60, TimeUnit.SECONDS);
      created.add(setup.passTo());
      copy(first.topics().raw(), keys, values, plan.copy());
      for (int round = 1; round <= plan.rounds(); round++) {
        StreamsSettings feedpipe = round == 1 ? first : setup.feedpipeRound().apply(round);
        groups.add(feedpipe.applicationId());
        runToEnd(admin, "feedpipe topology" + (plan.rounds() > 1 ? ", round " + round : ""), FeedpipeTopology.build(feedpipe),
            StreamsProperties.of(feedpipe, setup.servers(), setup.overrides()), feedpipe.topics().raw());
      }
      groups.add(setup.pass().applicationId());
      runToEnd(admin, "pass-through", CeilingRuns.passThrough(setup.passFrom(), setup.passTo()),
          StreamsProperties.of(setup.pass(), setup.servers(), setup.overrides()), setup.passFrom());
    }
  }

  private void copy(String topic, List<String> keys, List<byte[]> values, int records) {
    Map<String, Object> user = new HashMap<>(setup.kafka());
    user.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-warm-up-producer");
    // The topic was created a moment ago: with several batches in flight, a first batch refused
    // while the broker opens the partition is retried behind later ones and then refused as out of
    // sequence for good (docs/results.md, "A first batch lost to OutOfOrderSequenceException").
    user.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(KafkaProducerConfig.build(user), new StringSerializer(), new ByteArraySerializer())) {
      RecordCopies.sendAll(producer, topic, keys, values, records, LABEL);
    }
  }

  /** Runs {@code topology} until its group has committed every offset {@code input} holds now. */
  private void runToEnd(Admin admin, String what, Topology topology, Properties props, String input) throws Exception {
    Map<TopicPartition, Long> ends = TopicReads.ends(setup.kafka(), input);
    long total = CommittedOffsets.total(ends);
    String group = props.getProperty("application.id");
    long started = System.nanoTime(); // the input is there already: the app may work before it is paused
    try (PausedStreams app = PausedStreams.start(topology, props)) {
      app.resume();
      if (!AwaitCount.until(err, LABEL + ", " + what, total, CommittedOffsets.progress(admin, group, ends), app::requireHealthy)) {
        throw new IllegalStateException(LABEL + ": Streams app " + group + " did not get through " + input);
      }
      err.printf(Locale.ROOT, "%s, %s: %,d records in %.1f s, the app's start included%n", LABEL, what, total,
          (System.nanoTime() - started) / 1e9);
      err.flush();
    }
  }
}

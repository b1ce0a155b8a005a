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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * Runs feedpipe's topology (in one or more rounds) and the pass-through once, untimed, before the
 * timed Streams runs.
 *
 * <p>Why: the bench holds the broker, the clients, Streams and feedpipe in one JVM, and without this
 * the timed Streams stage is the first to run feedpipe's topology. During its ~25 s the JIT compiles
 * that code (C2 took 28 % of the machine's CPU during the stage in a profiled run) while the stream
 * threads run it interpreted or from C1; fresh apps over the same records afterwards moved
 * 1.7–2.3× the posts/s. A pipeline runs for days, so the figures the bench compares are its steady
 * state, and both sides of the ratio are warmed alike: feedpipe's topology over a copy of the
 * batch's posts.raw records in topics of its own, the pass-through over the ceiling's records into a
 * copy of its own. Neither touches the topics the timed runs read or write.
 */
final class StreamsWarmup {
  static final String LABEL = "warm-up (not timed)";

  private StreamsWarmup() {}

  /**
   * @param feedpipeRounds the warm-up's feedpipe apps, one per round over the same copy: each its own
   *     application id (so each round sees every post as new), all one topics prefix
   * @param pass the warm-up's pass-through app: its own application id
   * @param passFrom the ceiling's topic, which the pass-through reads
   * @param passTo the warm-up pass-through's output topic, created here
   * @param keys the batch's posts.raw keys; the first {@code posts} of them, with their values, are copied
   * @param created topics created here are added, for the clean-up
   */
  static void run(PrintWriter err, Map<String, Object> kafka, String servers, Map<String, String> overrides,
      List<StreamsSettings> feedpipeRounds, StreamsSettings pass, String passFrom, String passTo, int partitions,
      Optional<Short> replicationFactor, List<String> keys, List<byte[]> values, int posts, List<String> created) throws Exception {
    StreamsSettings first = feedpipeRounds.get(0);
    try (Admin admin = Admin.create(kafka)) {
      created.addAll(new TopicCreator(admin).ensure(first.allTopics()));
      admin.createTopics(List.of(new NewTopic(passTo, Optional.of(partitions), replicationFactor))).all().get(60, TimeUnit.SECONDS);
      created.add(passTo);
      copy(kafka, first.topics().raw(), keys, values, posts);
      int round = 0;
      for (StreamsSettings feedpipe : feedpipeRounds) {
        round++;
        runToEnd(err, kafka, admin, "feedpipe topology" + (feedpipeRounds.size() > 1 ? ", round " + round : ""),
            FeedpipeTopology.build(feedpipe), StreamsProperties.of(feedpipe, servers, overrides), feedpipe.topics().raw());
      }
      runToEnd(err, kafka, admin, "pass-through", CeilingRuns.passThrough(passFrom, passTo),
          StreamsProperties.of(pass, servers, overrides), passFrom);
    }
  }

  private static void copy(Map<String, Object> kafka, String topic, List<String> keys, List<byte[]> values, int posts) {
    Map<String, Object> user = new HashMap<>(kafka);
    user.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-warm-up-producer");
    // The topic was created a moment ago: with several batches in flight, a first batch refused
    // while the broker opens the partition is retried behind later ones and then refused as out of
    // sequence for good (docs/results.md, "A first batch lost to OutOfOrderSequenceException").
    user.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    AtomicLong failed = new AtomicLong();
    AtomicReference<Exception> first = new AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(KafkaProducerConfig.build(user), new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < posts; i++) {
        producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)), (metadata, e) -> {
          if (e != null) {
            failed.incrementAndGet();
            first.compareAndSet(null, e);
          }
        });
      }
      producer.flush();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(LABEL + ": " + failed.get() + " records to " + topic + " were not acknowledged, the first: "
          + first.get(), first.get());
    }
  }

  /** Runs {@code topology} until its group has committed every offset {@code input} holds now. */
  private static void runToEnd(PrintWriter err, Map<String, Object> kafka, Admin admin, String what, Topology topology,
      Properties props, String input) throws Exception {
    Map<TopicPartition, Long> ends = TopicReads.ends(kafka, input);
    long total = CommittedOffsets.total(ends);
    String group = props.getProperty("application.id");
    long started = System.nanoTime(); // the input is there already: the app may work before it is paused
    try (PausedStreams app = PausedStreams.start(topology, props)) {
      app.resume();
      if (!AwaitCount.until(err, LABEL + ", " + what, total, CommittedOffsets.progress(admin, group, ends), app::requireHealthy)) {
        throw new IllegalStateException(LABEL + ": Streams app " + group + " did not get through " + input);
      }
      err.printf(Locale.ROOT, "%s, %s: %,d records in %.1f s, the app's start included%n", LABEL, what, total, (System.nanoTime() - started) / 1e9);
      err.flush();
    }
  }
}

package io.feedpipe.peers.camel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer's command line, parsed and checked.
 *
 * @param bootstrapServers the broker, host:port
 * @param feedsFile a text file with one feed URL a line; one route polls each once
 * @param topic where every entry goes
 * @param partitionsLike an existing topic whose partition count the peer's topic copies when the
 *     peer creates it (the benchmark passes posts.raw, so both producers write to as many
 *     partitions)
 * @param pollThreads the shared scheduled pool every feed's poll runs on
 * @param batchBytes the Kafka producer's batch.size
 */
record PeerOptions(
    String bootstrapServers, Path feedsFile, String topic, String partitionsLike, int pollThreads, int batchBytes) {

  static final String USAGE = String.join(
      "\n",
      "Usage: java -jar camel-rss-kafka.jar --bootstrap-servers HOST:PORT --feeds-file FILE [options]",
      "Apache Camel (camel-rss -> camel-kafka) as the peer of scripts/bench-producer-http.sh: one route",
      "per feed URL in FILE, each polled once on a shared pool, every entry sent to Kafka; exits once",
      "every feed has been polled and every entry acknowledged (acks=all).",
      "  --bootstrap-servers HOST:PORT  the broker (required)",
      "  --feeds-file FILE              one feed URL a line (required)",
      "  --topic NAME                   default peer.camel.posts.raw",
      "  --partitions-like TOPIC        create NAME with as many partitions as TOPIC (default: 1 partition)",
      "  --poll-threads N               shared poll threads, default 16",
      "  --batch-bytes N                producer batch.size, default 1048576 (1 MB)");

  static PeerOptions parse(String... args) {
    String bootstrap = null;
    Path feeds = null;
    String topic = "peer.camel.posts.raw";
    String like = null;
    int threads = 16;
    int batch = 1024 * 1024;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String name = rest.remove(0);
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
      }
      String value = rest.remove(0);
      switch (name) {
        case "--bootstrap-servers" -> bootstrap = value;
        case "--feeds-file" -> feeds = Path.of(value);
        case "--topic" -> topic = value;
        case "--partitions-like" -> like = value;
        case "--poll-threads" -> threads = positive(name, value);
        case "--batch-bytes" -> batch = positive(name, value);
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    if (bootstrap == null || feeds == null) {
      throw new IllegalArgumentException("--bootstrap-servers and --feeds-file are required\n" + USAGE);
    }
    return new PeerOptions(bootstrap, feeds, topic, like, threads, batch);
  }

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the option's name
    }
    throw new IllegalArgumentException(name + " must be a positive whole number, got '" + value + "'");
  }
}

package io.feedpipe.testkit;

import io.feedpipe.broker.BrokerConfig;
import io.feedpipe.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broker module's in-process broker, on a free port and a fresh data directory. */
final class EmbeddedKafkaCluster implements ClosableCluster {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

  private final BrokerConfig config;
  private final UniqueNames names = new UniqueNames();
  private EmbeddedKafkaBroker broker; // guarded by this

  private EmbeddedKafkaCluster(BrokerConfig config, EmbeddedKafkaBroker broker) {
    this.config = config;
    this.broker = broker;
  }

  static EmbeddedKafkaCluster start() {
    Path dataDir = createDataDir();
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(BrokerConfig.defaults(dataDir).withPort(0));
    // Pin the port it got, so a restart comes back on the address clients already know.
    return new EmbeddedKafkaCluster(BrokerConfig.defaults(dataDir).withPort(broker.port()), broker);
  }

  @Override
  public synchronized String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public String uniqueName(String prefix) {
    return names.next(prefix);
  }

  @Override
  public synchronized void restartBroker() {
    broker.close();
    broker = EmbeddedKafkaBroker.start(config);
  }

  @Override
  public KafkaClusterKind kind() {
    return KafkaClusterKind.EMBEDDED;
  }

  @Override
  public synchronized void close() {
    broker.close();
    deleteRecursively(config.dataDir());
  }

  /**
   * Under the module's target/ when there is one: a JVM killed before {@link #close()} leaves its
   * data where {@code mvn clean} removes it, not in /tmp.
   */
  private static Path createDataDir() {
    Path target = Path.of("target");
    Path base = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      return Files.createTempDirectory(base.toAbsolutePath(), "feedpipe-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a Kafka data directory under " + base, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Leftovers are harmless (fresh directory per JVM); failing the run over them is not.
      LOG.warn("Could not delete the test Kafka data directory {}: {}", dir, e.toString());
    }
  }
}

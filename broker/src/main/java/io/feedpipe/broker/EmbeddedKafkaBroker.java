package io.feedpipe.broker;

import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (KRaft, combined controller and broker) running in this JVM.
 *
 * <p>The first start in a data directory formats it with a new cluster id; later starts reuse the
 * storage, so topics, records and committed offsets survive. Both listeners bind to {@link
 * BrokerConfig#host()} only.
 *
 * <p>Like a standalone Kafka server, the broker halts the JVM on a fatal metadata fault (Kafka's
 * own fault handlers decide that); it never calls System.exit on ordinary errors.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  /** Long enough for a first start on a loaded 2-core machine, short enough to fail a test run. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final int port;
  private final Path dataDir;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(
      KafkaRaftServer server, String bootstrapServers, int port, Path dataDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.port = port;
    this.dataDir = dataDir;
  }

  /**
   * Starts the broker and returns once it accepts client requests.
   *
   * @throws BrokerStartupException naming the address, path, file or setting at fault
   */
  public static EmbeddedKafkaBroker start(BrokerConfig config) {
    long startNanos = System.nanoTime();
    String host = config.host();
    DataDirectory dir = DataDirectory.prepare(config.dataDir());

    BrokerIdentity identity = dir.identity(() -> LocalPorts.findFreeOtherThan(host, config.port()));
    int clientPort = clientPort(config, identity, dir);
    requireFree(host, clientPort, "Pass --port with a free port, or stop the other process.");
    requireFree(
        host,
        identity.controllerPort(),
        "It is the KRaft controller port recorded in "
            + dir.identityFile()
            + " for this data directory; stop the other process.");

    Map<String, String> props =
        KafkaServerProperties.build(config, clientPort, identity.controllerPort(), dir.logDir());
    KafkaConfig kafkaConfig = kafkaConfig(props);
    if (!dir.isFormatted()) {
      StorageFormatter.format(kafkaConfig, identity, host);
    }

    String bootstrap = KafkaServerProperties.hostPort(host, clientPort);
    KafkaRaftServer server = startServer(kafkaConfig, bootstrap);
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrap, clientPort, dir.root());
    try {
      ReadinessProbe.awaitReady(bootstrap, READY_TIMEOUT);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    LOG.info(
        "Kafka broker ready on {} (data {}, cluster {}) in {} ms",
        bootstrap,
        dir.root(),
        identity.clusterId(),
        Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    return broker;
  }

  /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The client port actually in use; pass it back in {@link BrokerConfig#port()} to restart on the
   * same address after starting on port 0.
   */
  public int port() {
    return port;
  }

  /** The data directory, absolute. */
  public Path dataDir() {
    return dataDir;
  }

  /** Shuts the broker down and waits for it; later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      long startNanos = System.nanoTime();
      server.shutdown();
      server.awaitShutdown();
      LOG.info(
          "Kafka broker on {} stopped in {} ms",
          bootstrapServers,
          Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    }
  }

  /** The requested port, or a free one for port 0; never the data dir's controller port. */
  private static int clientPort(BrokerConfig config, BrokerIdentity identity, DataDirectory dir) {
    if (config.port() == 0) {
      return LocalPorts.findFreeOtherThan(config.host(), identity.controllerPort());
    }
    if (config.port() == identity.controllerPort()) {
      throw new BrokerStartupException(
          "Cannot start the Kafka broker on port "
              + config.port()
              + ": it is the KRaft controller port recorded in "
              + dir.identityFile()
              + " for this data directory. Pass --port with another port.");
    }
    return config.port();
  }

  private static void requireFree(String host, int port, String advice) {
    if (LocalPorts.isInUse(host, port)) {
      throw new BrokerStartupException(
          portInUse(KafkaServerProperties.hostPort(host, port), advice));
    }
  }

  private static String portInUse(String address, String advice) {
    return "Cannot start the Kafka broker: " + address + " is already in use. " + advice;
  }

  private static KafkaConfig kafkaConfig(Map<String, String> props) {
    try {
      // doLog=false: KafkaConfig would otherwise log all of its ~300 settings on every start.
      return new KafkaConfig(props, false);
    } catch (ConfigException | IllegalArgumentException e) {
      // Only overrides can be wrong here; Kafka's message names the setting and the value.
      throw new BrokerStartupException("Invalid Kafka broker setting: " + e.getMessage(), e);
    }
  }

  private static KafkaRaftServer startServer(KafkaConfig config, String bootstrap) {
    KafkaRaftServer server;
    try {
      server = new KafkaRaftServer(config, Time.SYSTEM);
    } catch (RuntimeException e) {
      throw new BrokerStartupException(
          "Cannot open the Kafka storage in " + config.metadataLogDir() + ": " + e.getMessage(), e);
    }
    try {
      // Returns once the controller has elected itself and the broker is unfenced.
      server.startup();
      return server;
    } catch (RuntimeException e) {
      shutDownQuietly(server, e);
      if (causedBy(e, BindException.class)) {
        // Another process took a port between our check and Kafka's bind.
        throw new BrokerStartupException(
            portInUse(
                bootstrap + " (or its controller port)",
                "Pass --port with a free port, or stop the other process."),
            e);
      }
      throw new BrokerStartupException("The Kafka broker failed to start: " + e.getMessage(), e);
    }
  }

  private static void shutDownQuietly(KafkaRaftServer server, RuntimeException failure) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}

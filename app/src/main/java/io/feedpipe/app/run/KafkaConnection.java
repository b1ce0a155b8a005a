package io.feedpipe.app.run;

import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.broker.BrokerConfig;
import io.feedpipe.broker.EmbeddedKafkaBroker;
import io.feedpipe.app.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster a command talks to: the one named by bootstrap servers, or the embedded broker,
 * started here when the command may start it.
 */
public final class KafkaConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaConnection.class);

  private static final int REACH_SECONDS = 15;
  private static final Duration REACH_TIMEOUT = Duration.ofSeconds(REACH_SECONDS);

  private final String bootstrapServers;
  private final EmbeddedKafkaBroker broker;

  private KafkaConnection(String bootstrapServers, EmbeddedKafkaBroker broker) {
    this.bootstrapServers = bootstrapServers;
    this.broker = broker;
  }

  /**
   * @param startEmbedded start the embedded broker when no bootstrap servers are configured;
   *     when false, such a command connects to an embedded broker that another process runs
   */
  public static KafkaConnection open(FeedpipeConfig config, boolean startEmbedded) {
    if (config.bootstrapServers().isPresent() || !startEmbedded) {
      String servers = runningBroker(config);
      try (Admin admin = Admin.create(KafkaClientProperties.of(config, servers))) { // the check bounds its own call
        requireReachable(admin, servers, config);
      }
      return new KafkaConnection(servers, null);
    }
    long start = System.nanoTime();
    BrokerConfig brokerConfig = new BrokerConfig("127.0.0.1", config.brokerPort(), config.brokerDataDir(), Map.of());
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerConfig);
    log.info("embedded Kafka broker ready at {} in {} ms (data in {})", broker.bootstrapServers(),
        (System.nanoTime() - start) / 1_000_000, config.brokerDataDir().toAbsolutePath());
    return new KafkaConnection(broker.bootstrapServers(), broker);
  }

  /**
   * The address of the broker a command that does not start one talks to: the configured bootstrap
   * servers, else the embedded broker another process runs on this machine. Not checked: see {@link
   * #requireReachable}, which {@link #open} calls and a command that opens an admin client anyway
   * can call with it, beside other work.
   */
  public static String runningBroker(FeedpipeConfig config) {
    return config.bootstrapServers().orElse("127.0.0.1:" + config.brokerPort());
  }

  /**
   * Fails fast, naming the address and what to check, when no broker answers {@code admin} (a
   * client of {@code servers}) within {@value #REACH_SECONDS} s: Kafka's clients would otherwise
   * retry quietly until some later operation times out with a less helpful message.
   */
  public static void requireReachable(Admin admin, String servers, FeedpipeConfig config) {
    String hint = config.bootstrapServers().isPresent()
        ? "check --bootstrap-servers / kafka.bootstrap-servers and kafka.properties"
        : "start one with ./feedpipe broker (or ./feedpipe run), or pass --bootstrap-servers";
    try {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) REACH_TIMEOUT.toMillis()))
          .clusterId().get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to Kafka at " + servers, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ConfigException("no Kafka broker answers at " + servers + " within " + REACH_TIMEOUT.toSeconds() + " s: " + hint);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public boolean embedded() {
    return broker != null;
  }

  @Override
  public void close() {
    if (broker != null) {
      broker.close();
    }
  }
}

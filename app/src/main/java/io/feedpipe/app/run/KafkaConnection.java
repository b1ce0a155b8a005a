package io.feedpipe.app.run;

import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.broker.BrokerConfig;
import io.feedpipe.broker.EmbeddedKafkaBroker;
import io.feedpipe.app.config.ConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster a command talks to: the one named by bootstrap servers, or the embedded broker,
 * started here when the command may start it.
 */
public final class KafkaConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaConnection.class);

  private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);

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
    if (config.bootstrapServers().isPresent()) {
      String servers = config.bootstrapServers().get();
      requireReachable(servers, config, "check --bootstrap-servers / kafka.bootstrap-servers and kafka.properties");
      return new KafkaConnection(servers, null);
    }
    if (!startEmbedded) {
      String local = "127.0.0.1:" + config.brokerPort();
      requireReachable(local, config, "start one with ./feedpipe broker (or ./feedpipe run), or pass --bootstrap-servers");
      return new KafkaConnection(local, null);
    }
    long start = System.nanoTime();
    BrokerConfig brokerConfig = new BrokerConfig("127.0.0.1", config.brokerPort(), config.brokerDataDir(), Map.of());
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerConfig);
    log.info("embedded Kafka broker ready at {} in {} ms (data in {})", broker.bootstrapServers(),
        (System.nanoTime() - start) / 1_000_000, config.brokerDataDir().toAbsolutePath());
    return new KafkaConnection(broker.bootstrapServers(), broker);
  }

  /**
   * Fails fast, naming the address, when no broker answers: Kafka's clients would otherwise retry
   * quietly until some later operation times out with a less helpful message.
   */
  private static void requireReachable(String servers, FeedpipeConfig config, String hint) {
    Map<String, Object> props = new HashMap<>(KafkaClientProperties.of(config, servers));
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().clusterId().get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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

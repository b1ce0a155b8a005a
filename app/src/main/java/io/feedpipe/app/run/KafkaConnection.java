package io.feedpipe.app.run;

import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.broker.BrokerConfig;
import io.feedpipe.broker.EmbeddedKafkaBroker;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster a command talks to: the one named by bootstrap servers, or the embedded broker,
 * started here when the command may start it.
 */
public final class KafkaConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaConnection.class);

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
      return new KafkaConnection(config.bootstrapServers().get(), null);
    }
    if (!startEmbedded) {
      return new KafkaConnection("127.0.0.1:" + config.brokerPort(), null);
    }
    long start = System.nanoTime();
    BrokerConfig brokerConfig = new BrokerConfig("127.0.0.1", config.brokerPort(), config.brokerDataDir(), Map.of());
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerConfig);
    log.info("embedded Kafka broker ready at {} in {} ms (data in {})", broker.bootstrapServers(),
        (System.nanoTime() - start) / 1_000_000, config.brokerDataDir().toAbsolutePath());
    return new KafkaConnection(broker.bootstrapServers(), broker);
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

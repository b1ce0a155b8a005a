package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.KafkaConnection;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    mixinStandardHelpOptions = true,
    name = "broker",
    description = "Runs the embedded Apache Kafka broker alone: a real single-node KRaft broker (controller and broker in one) listening on 127.0.0.1 only, with its data under --data-dir/kafka so topics survive restarts. Use it to run produce, streams and tail as separate processes. Ctrl-C stops it.",
    footer = {"", "Example:", "  ./feedpipe broker --port 9092 --data-dir /var/lib/feedpipe"})
public final class BrokerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(BrokerCommand.class);

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    FeedpipeConfig config = common.resolve();
    if (!config.embeddedBroker()) {
      throw new ConfigException("broker: --bootstrap-servers (or kafka.bootstrap-servers) names an external cluster; the embedded broker runs only without it");
    }
    CountDownLatch stop = new CountDownLatch(1);
    KafkaConnection kafka = KafkaConnection.open(config, true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      stop.countDown();
    }, "feedpipe-broker-shutdown"));
    log.info("broker running at {}; Ctrl-C to stop", kafka.bootstrapServers());
    stop.await();
    return 0;
  }
}

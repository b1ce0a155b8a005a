package io.feedpipe.app.cli;

import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.KafkaClientProperties;
import io.feedpipe.app.run.KafkaConnection;
import io.feedpipe.app.run.MetricsEndpoint;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.schemas.topics.TopicCreator;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "produce",
    description = "Runs only the producer: polls every feed on the poll interval and writes each entry to posts.raw and one status event per fetch to feeds.status. Needs a running broker (./feedpipe broker, or --bootstrap-servers).",
    footer = {"", "Examples:", "  ./feedpipe produce --once --feed https://www.lesswrong.com/feed.xml",
        "  ./feedpipe produce --bootstrap-servers kafka1:9092 --config prod.yaml"})
public final class ProduceCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Mixin MetricsOptions metricsOptions;

  @Option(names = "--once", description = "Poll every feed once and exit when every record is acknowledged by Kafka.")
  boolean once;

  @Override
  public Integer call() {
    FeedpipeConfig config = common.resolve();
    Shutdown shutdown = new Shutdown();
    try (MetricsEndpoint endpoint = shutdown.register(metricsOptions.open("produce"));
        KafkaConnection kafka = KafkaConnection.open(config, false)) {
      var clientProps = KafkaClientProperties.of(config, kafka.bootstrapServers());
      endpoint.watchKafka(clientProps);
      try (Admin admin = Admin.create(clientProps)) {
        new TopicCreator(admin).ensure(config.topics().all());
      }
      FeedProducer producer = shutdown.register(RunCommand.newProducer(config.producer(), clientProps, endpoint));
      endpoint.watchProducer(producer);
      endpoint.started();
      if (once) {
        producer.pollAllOnce();
        shutdown.run();
        return 0;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "feedpipe-shutdown"));
      producer.runUntilStopped();
      return 0;
    }
  }
}

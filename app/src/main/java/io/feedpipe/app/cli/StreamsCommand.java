package io.feedpipe.app.cli;

import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.KafkaClientProperties;
import io.feedpipe.app.run.KafkaConnection;
import io.feedpipe.app.run.MetricsEndpoint;
import io.feedpipe.streams.StreamsApp;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    mixinStandardHelpOptions = true,
    name = "streams",
    description = "Runs only the Kafka Streams app (exactly-once): reads posts.raw, drops repeats, emits new posts and edits cleaned to posts.clean, edits to posts.updates, matches to posts.route.<rule>, and poison records to posts.dlq. Run several to share the partitions. Needs a running broker (./feedpipe broker, or --bootstrap-servers).",
    footer = {"", "Example:", "  ./feedpipe streams --bootstrap-servers kafka1:9092 --config prod.yaml"})
public final class StreamsCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Mixin MetricsOptions metricsOptions;

  @Override
  public Integer call() throws Exception {
    FeedpipeConfig config = common.resolve();
    try (MetricsEndpoint endpoint = metricsOptions.open("streams");
        KafkaConnection kafka = KafkaConnection.open(config, false)) {
      endpoint.watchKafka(KafkaClientProperties.of(config, kafka.bootstrapServers()));
      StreamsApp streams = RunCommand.startStreams(config, kafka.bootstrapServers(), endpoint);
      endpoint.watchStreams(streams).started();
      Runtime.getRuntime().addShutdownHook(new Thread(streams::close, "feedpipe-shutdown"));
      streams.awaitStopped();
      return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
  }
}

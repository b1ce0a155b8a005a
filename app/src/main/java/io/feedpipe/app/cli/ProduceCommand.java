package io.feedpipe.app.cli;

import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.KafkaClientProperties;
import io.feedpipe.app.run.KafkaConnection;
import io.feedpipe.app.run.MetricsEndpoint;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.producer.parse.ParseWarmup;
import io.feedpipe.schemas.topics.TopicCreator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    ParseWarmup.start(); // what a poll needs loads on the second core while the configuration is read and Kafka joined
    FeedpipeConfig config = common.resolve();
    Shutdown shutdown = new Shutdown();
    try (MetricsEndpoint endpoint = shutdown.register(metricsOptions.open("produce"))) {
      String servers = KafkaConnection.runningBroker(config);
      var clientProps = KafkaClientProperties.of(config, servers);
      endpoint.watchKafka(clientProps);
      // The broker is asked for and the topics are checked (and made) while the producer is built:
      // building it (its Kafka producer, the HTTP client) needs neither, only starting it does. A
      // one-shot run's start is that much shorter. Without a broker the command fails as the check
      // says, and what was built is closed unused.
      CompletableFuture<Void> topics = CompletableFuture.runAsync(() -> {
        try (Admin admin = Admin.create(clientProps)) {
          KafkaConnection.requireReachable(admin, servers, config);
          new TopicCreator(admin).ensure(config.topics().all());
        }
      }, task -> {
        Thread thread = new Thread(task, "feedpipe-topics");
        thread.setDaemon(true);
        thread.start();
      });
      FeedProducer producer;
      try {
        producer = shutdown.register(RunCommand.newProducer(config.producer(), clientProps, endpoint));
      } catch (RuntimeException | Error e) {
        topics.cancel(false); // the command fails on this; the topic check (a daemon) is not waited for
        throw e;
      }
      awaitTopics(topics, shutdown);
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

  /** Waits for the topics; when they could not be made, stops what was started and fails as the check did. */
  private static void awaitTopics(CompletableFuture<Void> topics, Shutdown shutdown) {
    try {
      topics.join();
    } catch (CompletionException e) {
      shutdown.run();
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}

package io.feedpipe.app.cli;

import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.ops.lag.CatchUp;
import io.feedpipe.app.run.KafkaClientProperties;
import io.feedpipe.app.run.KafkaConnection;
import io.feedpipe.app.run.MetricsEndpoint;
import io.feedpipe.producer.kafka.CriticalThreadException;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.producer.parse.ParseWarmup;
import io.feedpipe.streams.StreamsApp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "run",
    description = "Runs the whole pipeline in one process: the embedded Kafka broker (unless --bootstrap-servers is given), the Streams app (dedupe, clean, route) and the producer polling every feed. Ctrl-C stops everything cleanly; running it again resumes where it stopped (records and dedupe state are kept in --data-dir).",
    footer = {
      "",
      "Examples:",
      "  ./feedpipe run                                     poll the bundled LessWrong sample every 5 minutes",
      "  ./feedpipe run --feed https://www.lesswrong.com/feed.xml",
      "  ./feedpipe run --once                              poll once, wait until every post is processed, exit",
      "  ./feedpipe run --bootstrap-servers kafka1:9092     use an existing cluster instead of the embedded broker",
      "Meanwhile, in another terminal:",
      "  ./feedpipe tail posts.clean --from-beginning"
    })
public final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin CommonOptions common;

  @Mixin MetricsOptions metricsOptions;

  @Option(names = "--once", description = "Poll every feed once, wait until the Streams app has processed every post, then exit: 0 when it has, "
      + "1 when it did not catch up within 5 minutes or a stream thread failed on the way (bad posts do not count: they go to posts.dlq).")
  boolean once;

  @Override
  public Integer call() throws Exception {
    ParseWarmup.start(); // what a poll needs loads on the second core while the configuration is read and Kafka joined
    FeedpipeConfig config = common.resolve();
    Shutdown shutdown = new Shutdown();
    // Registered first, so it stops last: until the process has stopped, /health/live says why it stops.
    try (MetricsEndpoint endpoint = shutdown.register(metricsOptions.open("run"));
        KafkaConnection kafka = shutdown.register(KafkaConnection.open(config, true))) {
      Map<String, Object> clientProps = KafkaClientProperties.of(config, kafka.bootstrapServers());
      endpoint.watchKafka(clientProps);
      StreamsApp streams = shutdown.register(startStreams(config, kafka.bootstrapServers(), endpoint));
      endpoint.watchStreams(streams);
      FeedProducer producer = shutdown.register(newProducer(config.producer(), clientProps, endpoint));
      endpoint.watchProducer(producer);
      endpoint.started();
      log.info("feedpipe running: Kafka at {}{}, {}, default interval {}; topics {} {} {} {} {}{}. Ctrl-C to stop.",
          kafka.bootstrapServers(), kafka.embedded() ? " (embedded)" : "",
          config.producer().managedFeeds()
              ? "feeds from " + config.producer().configTopic() + " shared by group " + config.producer().groupId()
                  + (config.producer().feeds().isEmpty() ? "" : " (seeded with the " + config.producer().feeds().size()
                      + " configured feed(s) when empty)")
              : config.producer().feeds().size() + " configured feed(s)",
          config.producer().pollInterval(),
          config.topics().raw(), config.topics().clean(), config.topics().updates(), config.topics().dlq(), config.topics().status(),
          config.routes().isEmpty() ? "" : " and " + config.routes().size() + " route topic(s)");
      if (once) {
        producer.pollAllOnce();
        try (Admin admin = Admin.create(KafkaClientProperties.of(config, kafka.bootstrapServers()))) {
          if (!CatchUp.await(admin, config.applicationId(), config.topics().raw(), Duration.ofMinutes(5))) {
            log.error("the Streams app did not catch up with {} within 5 minutes", config.topics().raw());
            return 1;
          }
        }
        int replaced = streams.threadsReplaced();
        shutdown.run();
        if (replaced > 0) {
          // Everything was processed in the end, but a failing thread is never normal: say so in the exit status.
          log.error("every fetched post is processed, but {} stream thread(s) failed and were replaced on the way (see the errors above)", replaced);
          return 1;
        }
        log.info("every fetched post is processed; stopped");
        return 0;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "feedpipe-shutdown"));
      Thread polling = new Thread(() -> {
        try {
          producer.runUntilStopped();
        } catch (CriticalThreadException e) {
          // reported below, once the Streams app is stopped too
        }
      }, "feedpipe-producer");
      polling.start();
      // Either half dying ends the process: a producer whose critical thread died must not leave
      // the Streams app running in a process that looks healthy.
      while (!streams.awaitStopped(Duration.ofSeconds(1)) && !producer.failure().isDone()) {
        // wait
      }
      boolean failed = streams.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR;
      shutdown.run(); // after Ctrl-C a no-op; after a Streams or producer failure it stops the other half too
      polling.join();
      if (producer.failure().isCompletedExceptionally()) {
        log.error("stopping: the producer failed: {}", producer.failure()
            .handle((ok, e) -> e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e).join()
            .getMessage());
        return 1;
      }
      return failed ? 1 : 0;
    }
  }

  static StreamsApp startStreams(FeedpipeConfig config, String bootstrapServers, MetricsEndpoint endpoint) {
    Map<String, String> overrides = stringMap(config.kafkaProperties());
    return endpoint.enabled()
        ? StreamsApp.start(config.streamsSettings(), bootstrapServers, overrides, endpoint.registry())
        : StreamsApp.start(config.streamsSettings(), bootstrapServers, overrides);
  }

  static FeedProducer newProducer(io.feedpipe.producer.config.ProducerSettings settings, Map<String, Object> clientProps,
      MetricsEndpoint endpoint) {
    return endpoint.enabled() ? new FeedProducer(settings, clientProps, endpoint.registry()) : new FeedProducer(settings, clientProps);
  }

  static Map<String, String> stringMap(Map<String, String> properties) {
    return new HashMap<>(properties);
  }
}

package io.feedpipe.app.cli;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.KafkaClientProperties;
import io.feedpipe.app.run.KafkaConnection;
import io.feedpipe.app.run.MetricsEndpoint;
import io.feedpipe.streams.route.RouteRule;
import io.feedpipe.web.WebApp;
import io.feedpipe.web.WebSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "web",
    description = {
      "Serves the reader page of posts.clean: the newest posts, each feed's and each route's, pages, a search over the posts held; "
          + "and feeds out of the same listings: Atom 1.0 (atom.xml) and JSON Feed 1.1 (feed.json), with conditional GET.",
      "Its store is a Kafka Streams app of its own (<topics.prefix>feedpipe-web) that reads posts.clean and the route topics; "
          + "it writes nothing to Kafka. Needs a running broker (./feedpipe broker or run, or --bootstrap-servers)."
    },
    footer = {
      "",
      "Examples:",
      "  ./feedpipe web                                  # http://127.0.0.1:8080/",
      "  ./feedpipe web --listen 0.0.0.0:8080 --public-url https://news.example/",
      "  curl -s http://127.0.0.1:8080/atom.xml"
    })
public final class WebCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Mixin MetricsOptions metricsOptions;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + WebSettings.DEFAULT_PORT,
      description = "Address the HTTP server binds (default: ${DEFAULT-VALUE}: this machine only).")
  String listen;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "Absolute URL readers reach the server at, for the links and ids in feeds (default: http://<listen>/).")
  URI publicUrl;

  @Option(names = "--max-posts", paramLabel = "N", defaultValue = "" + WebSettings.DEFAULT_MAX_POSTS,
      description = "Most posts held (web.max-posts): beyond it the oldest are dropped (default: ${DEFAULT-VALUE}).")
  int maxPosts;

  @Override
  public Integer call() throws Exception {
    FeedpipeConfig config = client.resolve();
    InetSocketAddress address = listenAddress(listen);
    Map<String, String> routeTopics = new LinkedHashMap<>();
    for (RouteRule rule : config.routes()) {
      routeTopics.put(rule.name(), config.streamsSettings().topicOf(rule));
    }
    WebSettings settings;
    try {
      settings = WebSettings.defaults(address, config.topics(), routeTopics, config.dataDir().resolve("web"))
          .withMaxPosts(maxPosts);
      if (publicUrl != null) {
        settings = settings.withPublicUrl(publicUrl);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    KafkaConnection kafka = KafkaConnection.open(config, false);
    MetricsEndpoint endpoint = null;
    WebApp web;
    try {
      endpoint = metricsOptions.open("web");
      endpoint.watchKafka(KafkaClientProperties.of(config, kafka.bootstrapServers()));
      web = WebApp.start(settings, kafka.bootstrapServers(), RunCommand.stringMap(config.kafkaProperties()), publicUrl == null);
      endpoint.watchStore("web-store", web.store()::state);
      endpoint.started();
    } catch (RuntimeException e) {
      if (endpoint != null) {
        endpoint.close();
      }
      kafka.close();
      throw e;
    }
    MetricsEndpoint metrics = endpoint;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      web.close();
      metrics.close();
      kafka.close();
      stopped.countDown();
    }, "feedpipe-shutdown"));
    stopped.await();
    return 0;
  }

  /** HOST:PORT (an IPv6 host in brackets) → an address; a clear error naming --listen otherwise. */
  static InetSocketAddress listenAddress(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new ConfigException("--listen '" + value + "': expected HOST:PORT, e.g. 127.0.0.1:8080");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ConfigException("--listen '" + value + "': the port is not a number");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("--listen '" + value + "': the port must be 0-65535");
    }
    return new InetSocketAddress(host, port);
  }
}

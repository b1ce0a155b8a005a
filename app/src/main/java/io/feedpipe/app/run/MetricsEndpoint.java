package io.feedpipe.app.run;

import io.feedpipe.app.config.ConfigException;
import io.feedpipe.ops.metrics.BrokerCheck;
import io.feedpipe.ops.metrics.CachedCheck;
import io.feedpipe.ops.metrics.GroupMemberCheck;
import io.feedpipe.ops.metrics.Health;
import io.feedpipe.ops.metrics.HealthCheck.Result;
import io.feedpipe.ops.metrics.MetricsServer;
import io.feedpipe.ops.metrics.ProcessMetrics;
import io.feedpipe.producer.kafka.FeedProducer;
import io.feedpipe.streams.StreamsApp;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --metrics} endpoint of one command: its registry (every meter tagged with the
 * process), its health checks and the HTTP server that serves both (docs/metrics.md). Off when no
 * address is given: then {@link #enabled()} is false, nothing is served and the commands run their
 * components without meters.
 *
 * <p>Readiness answers "starting" until the command calls {@link #started()}, so a probe never sees
 * a process ready before its components exist.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);
  /** How long a readiness probe waits for the cluster, and how long its answer is kept. */
  static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
  static final Duration KAFKA_ANSWER_KEPT = Duration.ofSeconds(3);

  private final Health health;
  private final ProcessMetrics metrics;
  private final MetricsServer server;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private volatile boolean started;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private MetricsEndpoint(Health health, ProcessMetrics metrics, MetricsServer server) {
    this.health = health;
    this.metrics = metrics;
    this.server = server;
    health.ready("started", () -> started ? Result.up("started") : Result.down("starting"));
  }

  /**
   * Serves on {@code address} when present; otherwise an endpoint that is off.
   *
   * @param process the value of the {@code process} tag: run, produce, streams, sink-postgres, sink-jsonl, lag
   * @throws ConfigException when the address cannot be listened on
   */
  public static MetricsEndpoint open(Optional<InetSocketAddress> address, String process) {
    Health health = new Health();
    if (address.isEmpty()) {
      return new MetricsEndpoint(health, null, null);
    }
    InetSocketAddress at = address.get();
    ProcessMetrics metrics = new ProcessMetrics(process, health);
    MetricsServer server;
    try {
      server = MetricsServer.start(at, metrics, health);
    } catch (IOException e) {
      metrics.close();
      throw new ConfigException("--metrics " + at.getHostString() + ":" + at.getPort() + ": cannot listen there: " + e);
    }
    log.info("metrics at http://{}:{}/metrics, health at /health/live and /health/ready", at.getHostString(), server.port());
    return new MetricsEndpoint(health, metrics, server);
  }

  public boolean enabled() {
    return metrics != null;
  }

  /** Where the components register their meters; only when {@link #enabled()}. */
  public MeterRegistry registry() {
    return requireEnabled().registry();
  }

  /** For collectors written against the Prometheus client (the lag metrics); only when {@link #enabled()}. */
  public PrometheusRegistry prometheusRegistry() {
    return requireEnabled().prometheusRegistry();
  }

  public Health health() {
    return health;
  }

  /** The port served (the one chosen when 0 was asked for); only when {@link #enabled()}. */
  public int port() {
    requireEnabled();
    return server.port();
  }

  private ProcessMetrics requireEnabled() {
    if (metrics == null) {
      throw new IllegalStateException("--metrics is off");
    }
    return metrics;
  }

  /** Ready only while the cluster answers (asked at most every few seconds, with a short timeout). */
  public MetricsEndpoint watchKafka(Map<String, Object> clientProperties) {
    if (enabled()) {
      Admin admin = own(Admin.create(clientProperties));
      health.ready("kafka", new CachedCheck(new BrokerCheck(admin, KAFKA_TIMEOUT), KAFKA_ANSWER_KEPT));
    }
    return this;
  }

  /** Live unless Streams is in ERROR; ready while it is RUNNING. */
  public MetricsEndpoint watchStreams(StreamsApp streams) {
    health.live("streams-alive", () -> streams.state() == KafkaStreams.State.ERROR
        ? Result.down("Kafka Streams is in ERROR: every stream thread died")
        : Result.up("Kafka Streams is " + streams.state()));
    health.ready("streams", () -> streams.state() == KafkaStreams.State.RUNNING
        ? Result.up("Kafka Streams is RUNNING")
        : Result.down("Kafka Streams is " + streams.state()));
    return this;
  }

  /**
   * The reader page's store: live unless its Kafka Streams app is in ERROR, ready while it is
   * RUNNING (the page answers from it).
   */
  public MetricsEndpoint watchStore(String name, Supplier<KafkaStreams.State> state) {
    health.live(name + "-alive", () -> state.get() == KafkaStreams.State.ERROR
        ? Result.down("the " + name + " store's Kafka Streams app is in ERROR")
        : Result.up("the " + name + " store is " + state.get()));
    health.ready(name, () -> state.get() == KafkaStreams.State.RUNNING
        ? Result.up("the " + name + " store is RUNNING")
        : Result.down("the " + name + " store is " + state.get()));
    return this;
  }

  /** Live while no critical thread of the producer died; ready when it owns its feeds and has read their state. */
  public MetricsEndpoint watchProducer(FeedProducer producer) {
    health.live("producer-threads", () -> producer.deadThread().map(Result::down).orElse(Result.up("every critical thread runs")));
    health.ready("producer", () -> producer.notReady().map(Result::down)
        .orElseGet(() -> Result.up("polling " + producer.feedIds().size() + " feed(s)")));
    return this;
  }

  /** Ready while the consumer with this client id is a member of {@code group} with partitions assigned. */
  public MetricsEndpoint watchGroupMember(Map<String, Object> clientProperties, String group, String clientId) {
    if (enabled()) {
      Admin admin = own(Admin.create(clientProperties));
      health.ready("consumer", new CachedCheck(new GroupMemberCheck(admin, group, clientId, KAFKA_TIMEOUT), KAFKA_ANSWER_KEPT));
    }
    return this;
  }

  /** The command's components exist and run: readiness now depends on their checks alone. */
  public void started() {
    started = true;
  }

  private <T extends AutoCloseable> T own(T resource) {
    synchronized (resources) {
      resources.push(resource);
    }
    return resource;
  }

  /** Stops serving and frees what the checks use; closing twice is harmless. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (server != null) {
      server.close();
    }
    synchronized (resources) {
      while (!resources.isEmpty()) {
        try {
          resources.pop().close();
        } catch (Exception e) {
          log.warn("closing the metrics endpoint: {}", e.toString());
        }
      }
    }
    if (metrics != null) {
      metrics.close();
    }
  }
}

package io.feedpipe.app.cli;

import io.feedpipe.app.run.MetricsEndpoint;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Runs a sink in the calling thread until Ctrl-C or SIGTERM; the shutdown hook asks it to stop
 * and waits for its last batch to be written and committed, so nothing is written twice.
 */
final class SinkLifecycle {
  /** How long a stopping sink may take to finish its batch. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  interface Stoppable {
    boolean stopAndAwait(Duration timeout) throws InterruptedException;
  }

  private SinkLifecycle() {}

  /**
   * The sink's Kafka properties, and its readiness checks on the endpoint: the cluster answers, and
   * the sink's consumer — told apart from other instances by a client id of its own — is a member
   * of its group with partitions. Without --metrics the properties are left as they are.
   */
  static Map<String, Object> watched(MetricsEndpoint endpoint, Map<String, Object> clientProps, String group, String clientIdPrefix) {
    if (!endpoint.enabled()) {
      return clientProps;
    }
    Map<String, Object> props = new HashMap<>(clientProps);
    // Always a suffix of its own: a client.id set in kafka.properties is shared by every instance
    // that reads the same file, and readiness must find this consumer, not any of them.
    Object configured = props.get(ConsumerConfig.CLIENT_ID_CONFIG);
    String base = configured == null || configured.toString().isBlank() ? clientIdPrefix : configured.toString();
    String clientId = base + "-" + UUID.randomUUID().toString().substring(0, 8);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    endpoint.watchKafka(clientProps).watchGroupMember(clientProps, group, clientId);
    return props;
  }

  static int runUntilShutdown(Runnable run, Stoppable stop) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stop.stopAndAwait(STOP_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "feedpipe-sink-shutdown"));
    run.run();
    return 0;
  }
}

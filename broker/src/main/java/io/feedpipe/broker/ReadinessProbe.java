package io.feedpipe.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Waits until a client can reach the broker and sees it in the cluster metadata. */
final class ReadinessProbe {

  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

  private ReadinessProbe() {}

  static void awaitReady(String bootstrapServers, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> adminConfig =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.CLIENT_ID_CONFIG,
            "feedpipe-broker-readiness",
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            (int) ATTEMPT_TIMEOUT.toMillis(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) ATTEMPT_TIMEOUT.toMillis());
    Exception last = null;
    try (Admin admin = Admin.create(adminConfig)) {
      while (System.nanoTime() < deadline) {
        try {
          var cluster =
              admin.describeCluster(
                  new DescribeClusterOptions().timeoutMs((int) ATTEMPT_TIMEOUT.toMillis()));
          if (!cluster.nodes().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty()
              && cluster.controller().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                  != null) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        }
        sleep(Duration.ofMillis(100));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerStartupException(
          "Interrupted while waiting for the Kafka broker on " + bootstrapServers, e);
    }
    throw new BrokerStartupException(
        "The Kafka broker on "
            + bootstrapServers
            + " did not become ready within "
            + timeout
            + (last == null ? "" : ": " + last.getMessage()),
        last);
  }

  private static void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }
}

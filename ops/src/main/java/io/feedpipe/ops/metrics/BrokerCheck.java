package io.feedpipe.ops.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Readiness: the Kafka cluster answers a describe-cluster request within {@code timeout}. Wrap it in a {@link CachedCheck}. */
public final class BrokerCheck implements HealthCheck {
  private final Admin admin;
  private final Duration timeout;

  public BrokerCheck(Admin admin, Duration timeout) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Result check() {
    int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    try {
      int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).nodes().get(ms + 500L, TimeUnit.MILLISECONDS).size();
      return Result.up(nodes + " broker(s) answer");
    } catch (TimeoutException e) {
      return Result.down("the Kafka cluster did not answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      return Result.down("the Kafka cluster did not answer: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.down("interrupted while asking the Kafka cluster");
    }
  }
}

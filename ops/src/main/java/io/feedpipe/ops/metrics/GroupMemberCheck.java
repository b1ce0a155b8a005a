package io.feedpipe.ops.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * Readiness of a consumer (a sink): it is a member of its group, known by its {@code client.id},
 * with partitions assigned. Asks the group coordinator, so it needs nothing from the consumer's own
 * thread; wrap it in a {@link CachedCheck}.
 */
public final class GroupMemberCheck implements HealthCheck {
  private final Admin admin;
  private final String group;
  private final String clientId;
  private final Duration timeout;

  public GroupMemberCheck(Admin admin, String group, String clientId, Duration timeout) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.group = Objects.requireNonNull(group, "group");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Result check() {
    int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    ConsumerGroupDescription description;
    try {
      description = admin.describeConsumerGroups(List.of(group), new DescribeConsumerGroupsOptions().timeoutMs(ms))
          .describedGroups().get(group).get(ms + 500L, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Result.down("group " + group + ": the Kafka cluster did not answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      return Result.down("group " + group + ": cannot describe it: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.down("interrupted while describing group " + group);
    }
    for (MemberDescription member : description.members()) {
      if (member.clientId().equals(clientId)) {
        int partitions = member.assignment().topicPartitions().size();
        return partitions > 0
            ? Result.up("member of group " + group + " with " + partitions + " partition(s)")
            : Result.down("member of group " + group + " without partitions (more members than partitions, or a rebalance)");
      }
    }
    return Result.down("not (yet) a member of group " + group + " (" + description.groupState() + ")");
  }
}

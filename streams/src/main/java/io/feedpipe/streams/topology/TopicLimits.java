package io.feedpipe.streams.topology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that every topic CleanPosts are written to accepts a post of streams.max-post-size.
 *
 * <p>Why at start: under exactly-once a record the broker refuses aborts the whole transaction,
 * whatever the production exception handler answers (the producer's transaction enters an
 * abortable error state), so the stream thread fails and its replacement re-reads the same record:
 * the partition stalls. The only safe place to keep posts within what the broker accepts is before
 * they are sent, so the budget must be below every output topic's max.message.bytes (the topic's
 * value, or the broker's message.max.bytes it inherits).
 */
public final class TopicLimits {

  /** Room for key, headers and batch framing above the value. */
  static final long FRAMING = 16 * 1024;

  private static final Logger log = LoggerFactory.getLogger(TopicLimits.class);

  private TopicLimits() {}

  /** Fails, naming the setting and the topic, when a topic's max.message.bytes is below the budget plus framing. */
  public static void check(Admin admin, StreamsSettings settings) {
    Set<String> topics = new LinkedHashSet<>(List.of(settings.topics().clean(), settings.topics().updates()));
    settings.routes().stream().map(settings::topicOf).forEach(topics::add);
    List<ConfigResource> resources = new ArrayList<>();
    topics.forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
    Map<ConfigResource, Config> configs;
    try {
      configs = admin.describeConfigs(resources).all().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthorizationException) {
        // Without DescribeConfigs on the topics the check cannot run; the runtime defence
        // (RefusedRecords) still keeps a refused record from stalling its partition.
        log.warn("cannot check streams.max-post-size against the max.message.bytes of {}: {}", topics, e.getCause().toString());
        return;
      }
      throw new ConfigException("cannot read the configs of " + topics + " to check streams.max-post-size: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("interrupted while checking streams.max-post-size against " + topics);
    }
    configs.forEach((resource, config) -> {
      ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (entry == null || entry.value() == null) {
        return;
      }
      long limit = Long.parseLong(entry.value());
      if (settings.maxPostSize() + FRAMING > limit) {
        throw new ConfigException("streams.max-post-size (" + settings.maxPostSize() + " bytes) plus 16KB for key and headers is over "
            + resource.name() + "'s max.message.bytes (" + limit + "): posts the budget allows would be refused, and under "
            + "exactly-once a refused record stalls its partition; lower streams.max-post-size or raise the topic's limit");
      }
    });
  }
}

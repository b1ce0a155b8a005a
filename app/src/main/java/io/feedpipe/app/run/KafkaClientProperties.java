package io.feedpipe.app.run;

import io.feedpipe.app.config.FeedpipeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/** The client settings every producer, consumer and admin client of a command gets. */
public final class KafkaClientProperties {
  private KafkaClientProperties() {}

  public static Map<String, Object> of(FeedpipeConfig config, String bootstrapServers) {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }
}

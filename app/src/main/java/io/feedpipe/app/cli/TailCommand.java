package io.feedpipe.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.app.config.ConfigException;
import io.feedpipe.app.config.DurationText;
import io.feedpipe.app.config.FeedpipeConfig;
import io.feedpipe.app.run.KafkaClientProperties;
import io.feedpipe.app.run.KafkaConnection;
import io.feedpipe.sinks.json.RecordLine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    mixinStandardHelpOptions = true,
    name = "tail",
    description = "Prints the records of a topic as JSON lines on standard output, decoded with feedpipe's schemas: {\"topic\", \"partition\", \"offset\", \"timestamp\", \"key\", \"value\"}. Reads committed records only and joins no consumer group (it changes no offsets). Follows new records until --max or --timeout, or Ctrl-C.",
    footer = {
      "",
      "Topics: posts.raw (FetchedPost), posts.clean, posts.updates, posts.route.<rule> (CleanPost),",
      "        feeds.status (FeedStatus), posts.dlq (raw bytes with the error headers).",
      "Examples:",
      "  ./feedpipe tail posts.clean --from-beginning --max 20",
      "  ./feedpipe tail feeds.status --from-beginning --timeout 5s | jq -r '.value.outcome'",
      "  ./feedpipe tail posts.clean --from-beginning --timeout 5s | jq -r '.value.title'"
    })
public final class TailCommand implements Callable<Integer> {
  private static final Duration TOPIC_WAIT = Duration.ofSeconds(30);

  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to print.")
  String topic;

  @Option(names = "--from-beginning", description = "Start at the oldest record still in the topic (default: only new records).")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
  Integer max;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop when no record arrives for this long, e.g. 5s (default: keep following).")
  String timeout;

  @Override
  public Integer call() {
    FeedpipeConfig config = common.resolve();
    // posts.clean, feeds.status, posts.route.<rule>, …: under topics.prefix; other names as given.
    topic = config.topics().resolve(topic);
    if (max != null && max < 1) {
      throw new ConfigException("--max must be at least 1, got " + max);
    }
    Duration idleLimit = timeout == null ? null : parseTimeout(timeout);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    ObjectMapper json = new ObjectMapper();
    // The same line format the jsonl archive writes.
    RecordLine lines = new RecordLine(config.topics());
    try (KafkaConnection kafka = KafkaConnection.open(config, false);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(config, kafka.bootstrapServers()),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = awaitTopic(consumer);
      if (partitions.isEmpty()) {
        throw new ConfigException("tail: topic '" + topic + "' does not exist on " + kafka.bootstrapServers()
            + " (feedpipe's topics: " + String.join(", ", config.topics().ownNames()) + ", "
            + config.topics().route("<rule>") + ")");
      }
      List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(assigned);
      if (fromBeginning) {
        consumer.seekToBeginning(assigned);
      } else {
        consumer.seekToEnd(assigned);
      }
      int printed = 0;
      long idleSince = System.nanoTime();
      while (true) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          out.println(json.writeValueAsString(lines.toJson(record)));
          printed++;
          if (max != null && printed >= max) {
            out.flush();
            return 0;
          }
        }
        out.flush();
        if (!records.isEmpty()) {
          idleSince = System.nanoTime();
        } else if (idleLimit != null && System.nanoTime() - idleSince > idleLimit.toNanos()) {
          return 0;
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /**
   * The topic's partitions, waiting a while for it to appear: started next to a fresh
   * {@code ./feedpipe run}, tail may look before the topics are created.
   */
  private List<PartitionInfo> awaitTopic(KafkaConsumer<byte[], byte[]> consumer) {
    long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
    boolean told = false;
    while (true) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (partitions != null && !partitions.isEmpty()) {
        return partitions;
      }
      if (System.nanoTime() > deadline) {
        return List.of();
      }
      if (!told) {
        System.err.println("feedpipe tail: waiting up to " + TOPIC_WAIT.toSeconds() + " s for topic " + topic + " to be created…");
        told = true;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
  }

  private static Duration parseTimeout(String text) {
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--timeout: " + e.getMessage());
    }
  }

  private static Map<String, Object> consumerProps(FeedpipeConfig config, String bootstrapServers) {
    Map<String, Object> props = new HashMap<>(KafkaClientProperties.of(config, bootstrapServers));
    // Streams writes in transactions: show only what was committed, as downstream consumers see it.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "feedpipe-tail");
    return props;
  }
}

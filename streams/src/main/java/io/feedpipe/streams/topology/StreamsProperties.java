package io.feedpipe.streams.topology;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import io.feedpipe.streams.deadletter.DeadLetterDeserializationHandler;
import io.feedpipe.streams.deadletter.DeadLetterListener;
import io.feedpipe.streams.metrics.StreamsMeters;
import io.feedpipe.streams.deadletter.DeadLetterProcessingHandler;
import io.feedpipe.streams.deadletter.DeadLetterProductionHandler;

/**
 * The Kafka Streams configuration feedpipe runs with. Safety settings are explicit even where
 * they equal a default, and user overrides cannot weaken them: a conflicting value fails at start.
 */
public final class StreamsProperties {

  private static final Map<String, String> SAFETY = Map.of(
      // Dedupe state and outputs commit atomically with the input offsets (KIP-447).
      StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
      // Readers of our outputs must not see aborted transactions' records either.
      StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");

  /** Room above the post budget for the record's key, headers and framing. */
  static final int REQUEST_HEADROOM = 128 * 1024;

  /** Kafka's default max.request.size, and the broker's default message.max.bytes near enough. */
  static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

  /**
   * How long a silent instance keeps its partitions: Kafka's consumer default is 45 s. A restarted
   * instance does not wait for it (static membership: it takes its own place back); the others
   * wait this long before they take over a dead instance's partitions. Heartbeats come from a
   * thread of their own every 3 s, so long processing or a slow restore does not count against it.
   */
  static final int SESSION_TIMEOUT_MS = 15_000;

  private StreamsProperties() {}

  /** The producer's max.request.size for a post budget: the budget plus headroom, 1 MB at least. */
  static int maxRequestSize(long maxPostSize) {
    return (int) Math.max(DEFAULT_MAX_REQUEST_SIZE, maxPostSize + REQUEST_HEADROOM);
  }

  /** An override of max.request.size must leave room for the largest post the budget allows. */
  private static void requireRequestSizeAbove(long maxPostSize, Properties props) {
    for (String key : new String[] {ProducerConfig.MAX_REQUEST_SIZE_CONFIG, StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)}) {
      Object value = props.get(key);
      if (value == null) {
        continue;
      }
      long requestSize;
      try {
        requestSize = Long.parseLong(value.toString().strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("streams setting " + key + "=" + value + " is not a number of bytes");
      }
      if (requestSize < maxPostSize + 16 * 1024) {
        throw new IllegalArgumentException("streams setting " + key + "=" + value + " is below streams.max-post-size (" + maxPostSize
            + " bytes) plus 16KB for key and headers: posts the budget allows would be refused; raise it or lower streams.max-post-size");
      }
    }
  }

  public static Properties of(StreamsSettings settings, String bootstrapServers, Map<String, String> overrides) {
    return of(settings, bootstrapServers, overrides, null);
  }

  /**
   * The configuration, with {@code meters} (when not null) where the dead-letter handlers find it
   * to count the dead letters they write ({@link DeadLetterListener}).
   */
  public static Properties of(StreamsSettings settings, String bootstrapServers, Map<String, String> overrides,
      StreamsMeters meters) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
    // -1: internal topics (changelog, repartition) take the broker's default.replication.factor,
    // so the same settings serve the single embedded broker and a real cluster.
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.topics().replicationFactor().map(Short::intValue).orElse(-1));
    // Poison records: log, write a bounded dead letter with the error in headers, continue. Output
    // records refused for what they are (too large, invalid) likewise; retriable errors are retried.
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
    // feedpipe has no global stores, so this changes no behaviour; left unset, Kafka warns at every
    // start that the handler does not cover global threads — a warning that asks for no action.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, settings.topics().dlq());
    // A CleanPost is at most streams.max-post-size (PostSizeLimiter); the producer must accept that
    // plus key, headers and record overhead. Kafka's default (1 MB) is the floor.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxRequestSize(settings.maxPostSize()));
    // Posts are 10-25 KB of HTML: big batches and zstd are the biggest throughput levers.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262_144);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
    // Level 1, not zstd's default 3, as the feed producer: a record is compressed on the stream
    // thread that sends it, and posts.clean carries ~34 KB a post. `./feedpipe bench --posts 20000`
    // measured ~20 % more posts/s and ~15 % less stream-thread CPU a post for ~2 % more bytes.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG), 1);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 10);
    // RocksDB's memory outside the heap, bounded for all partitions together (an override may
    // name another setter; the budget stays in the configs for it to read).
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
    props.put(BoundedRocksDbMemory.BUDGET_CONFIG, Long.toString(settings.rocksDbMemory()));
    // Recovery after a crash (docs/operations.md, "Crash recovery"). Transactional state stores
    // (KIP-892): the dedupe store keeps uncommitted writes in a buffer and applies them when the
    // transaction commits, so after a kill -9 the local store still matches the changelog up to the
    // last commit and only the tail is restored; without them exactly-once wipes the store and
    // re-reads the whole changelog (tens of seconds per million ids).
    props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
    props.putAll(SAFETY);
    for (var override : overrides.entrySet()) {
      String required = SAFETY.get(override.getKey());
      if (required != null && !required.equals(override.getValue())) {
        throw new IllegalArgumentException("streams setting " + override.getKey() + "=" + override.getValue()
            + " would weaken feedpipe's guarantees; it must be " + required);
      }
      props.put(override.getKey(), override.getValue());
    }
    if (meters != null) {
      props.put(DeadLetterListener.CONFIG, meters); // an object, after the overrides: not a user setting
    }
    requireRequestSizeAbove(settings.maxPostSize(), props);
    if (BoundedRocksDbMemory.class.getName().equals(String.valueOf(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)))) {
      // Checked here, at start, rather than when the first store opens inside a stream thread.
      BoundedRocksDbMemory.budget(Utils.propsToMap(props));
    }
    return props;
  }
}

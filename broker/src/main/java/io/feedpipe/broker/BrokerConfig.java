package io.feedpipe.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how the embedded broker runs.
 *
 * @param host the address both listeners bind to and advertise; {@value #DEFAULT_HOST} keeps the
 *     broker off the network, which is what a single-machine pipeline wants
 * @param port the client (PLAINTEXT) port; {@code 0} picks a free port, which tests use so they can
 *     run side by side
 * @param dataDir the directory holding the Kafka logs, the KRaft metadata log and the broker's
 *     identity; reusing it keeps topics and records across restarts
 * @param overrides Kafka broker settings applied after feedpipe's single-node defaults, e.g. {@code
 *     log.retention.hours}; the settings derived from the fields above (listeners, node id, quorum,
 *     log directories) are refused
 */
public record BrokerConfig(String host, int port, Path dataDir, Map<String, String> overrides) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 9092;

  public BrokerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "port must be 0 (pick a free one) or 1-65535, was " + port);
    }
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    Set<String> managed = KafkaServerProperties.managedKeysIn(overrides);
    if (!managed.isEmpty()) {
      throw new IllegalArgumentException(
          "Kafka setting(s) "
              + managed
              + " cannot be overridden: the embedded broker derives them from its host, port and"
              + " data directory.");
    }
  }

  /** Host {@value #DEFAULT_HOST}, port {@value #DEFAULT_PORT}, no overrides. */
  public static BrokerConfig defaults(Path dataDir) {
    return new BrokerConfig(DEFAULT_HOST, DEFAULT_PORT, dataDir, Map.of());
  }

  public BrokerConfig withPort(int newPort) {
    return new BrokerConfig(host, newPort, dataDir, overrides);
  }

  public BrokerConfig withOverrides(Map<String, String> newOverrides) {
    return new BrokerConfig(host, port, dataDir, newOverrides);
  }
}

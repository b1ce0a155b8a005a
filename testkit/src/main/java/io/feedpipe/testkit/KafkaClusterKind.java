package io.feedpipe.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which Kafka the tests run against, chosen by system property {@value #PROPERTY}. */
public enum KafkaClusterKind {

  /** The broker module's in-process broker: no Docker, a few seconds to start in a test JVM. */
  EMBEDDED("embedded"),

  /**
   * Apache Kafka's Docker image through Testcontainers, for checking against the released server
   * build; the tests are skipped when no Docker engine is reachable.
   */
  TESTCONTAINERS("testcontainers");

  public static final String PROPERTY = "feedpipe.test.kafka";

  private final String value;

  KafkaClusterKind(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** The kind named by {@value #PROPERTY}; unset or blank means {@link #EMBEDDED}. */
  public static KafkaClusterKind selected() {
    return parse(System.getProperty(PROPERTY));
  }

  static KafkaClusterKind parse(String property) {
    if (property == null || property.isBlank()) {
      return EMBEDDED;
    }
    String wanted = property.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(kind -> kind.value.equals(wanted))
        .findFirst()
        // A typo must not silently fall back to the embedded broker.
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    PROPERTY
                        + "="
                        + property
                        + " is not one of "
                        + Arrays.stream(values())
                            .map(KafkaClusterKind::value)
                            .collect(Collectors.joining(", "))));
  }
}

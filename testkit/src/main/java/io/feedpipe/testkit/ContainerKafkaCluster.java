package io.feedpipe.testkit;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Apache Kafka's own Docker image through Testcontainers, set up like the embedded broker (explicit
 * topic creation, no initial rebalance delay) so tests behave the same on both.
 */
final class ContainerKafkaCluster implements ClosableCluster {

  /** Overrides the image, e.g. {@code apache/kafka:4.3.1} or {@code apache/kafka-native:4.1.1}. */
  static final String IMAGE_PROPERTY = "feedpipe.test.kafka.image";

  static final String DEFAULT_IMAGE = "apache/kafka:4.1.1";

  private final KafkaContainer container;
  private final UniqueNames names = new UniqueNames();

  private ContainerKafkaCluster(KafkaContainer container) {
    this.container = container;
  }

  /** Why this kind cannot run here, if it cannot. */
  static Optional<String> unavailableReason() {
    if (DockerClientFactory.instance().isDockerAvailable()) {
      return Optional.empty();
    }
    return Optional.of(
        KafkaClusterKind.PROPERTY
            + "="
            + KafkaClusterKind.TESTCONTAINERS.value()
            + " but no Docker engine is available: skipping");
  }

  static ContainerKafkaCluster start() {
    String image = System.getProperty(IMAGE_PROPERTY, "");
    KafkaContainer container =
        new KafkaContainer(DockerImageName.parse(image.isBlank() ? DEFAULT_IMAGE : image.trim()))
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    container.start();
    return new ContainerKafkaCluster(container);
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public String uniqueName(String prefix) {
    return names.next(prefix);
  }

  @Override
  public void restartBroker() {
    throw new UnsupportedOperationException(
        "restartBroker() needs "
            + KafkaClusterKind.PROPERTY
            + "="
            + KafkaClusterKind.EMBEDDED.value()
            + ": stopping a Testcontainers Kafka removes the container, so its data and its"
            + " mapped port would not survive the restart");
  }

  @Override
  public KafkaClusterKind kind() {
    return KafkaClusterKind.TESTCONTAINERS;
  }

  @Override
  public void close() {
    container.stop();
  }
}

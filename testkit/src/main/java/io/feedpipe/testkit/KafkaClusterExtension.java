package io.feedpipe.testkit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one Kafka cluster per JVM, lazily for the first test class that asks, and resolves {@link
 * KafkaClusterInfo} parameters to it. The cluster lives in the root extension store, so JUnit
 * closes it (broker stopped, embedded data deleted) when the test run ends.
 *
 * <p>If the selected kind cannot run here (Testcontainers without a Docker engine) every test class
 * using the extension is aborted before any of its code runs, so it is skipped, never failed,
 * whether the cluster is injected into tests, constructors or {@code @BeforeAll} methods.
 */
public final class KafkaClusterExtension
    implements BeforeAllCallback, TestInstancePreConstructCallback, ParameterResolver {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterExtension.class);
  private static final Namespace NAMESPACE = Namespace.create(KafkaClusterExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    clusterOrAbort(context);
  }

  /** With {@code @TestInstance(PER_CLASS)} the constructor runs before {@link #beforeAll}. */
  @Override
  public void preConstructTestInstance(
      TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    clusterOrAbort(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaClusterInfo.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return clusterOrAbort(context);
  }

  private static KafkaClusterInfo clusterOrAbort(ExtensionContext context) {
    SharedCluster shared =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                SharedCluster.class,
                key -> SharedCluster.start(KafkaClusterKind.selected()),
                SharedCluster.class);
    if (shared.skipReason() != null) {
      // Surefire/Failsafe count an aborted class as 0 tests, not as skipped: say so in the log.
      LOG.warn("{} {}", shared.skipReason(), context.getRequiredTestClass().getSimpleName());
      Assumptions.abort(shared.skipReason());
    }
    return shared.cluster();
  }

  /**
   * The JVM's one cluster, or why there is none. Remembering the reason keeps the Docker probe
   * (which takes a while when there is no engine) to once per JVM.
   */
  private record SharedCluster(ClosableCluster cluster, String skipReason)
      implements AutoCloseable {

    static SharedCluster start(KafkaClusterKind kind) {
      return switch (kind) {
        case EMBEDDED -> new SharedCluster(EmbeddedKafkaCluster.start(), null);
        case TESTCONTAINERS ->
            ContainerKafkaCluster.unavailableReason()
                .map(reason -> new SharedCluster(null, reason))
                .orElseGet(() -> new SharedCluster(ContainerKafkaCluster.start(), null));
      };
    }

    @Override
    public void close() {
      if (cluster != null) {
        cluster.close();
      }
    }
  }
}

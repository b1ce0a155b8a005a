package io.feedpipe.broker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoter;
import org.apache.kafka.raft.DynamicVoters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats fresh storage as {@code kafka-storage.sh format -t <id> -c <config> --standalone} would:
 * the same {@link Formatter} calls, without the command line or its System.exit.
 */
final class StorageFormatter {

  private static final Logger LOG = LoggerFactory.getLogger(StorageFormatter.class);

  private StorageFormatter() {}

  static void format(KafkaConfig config, BrokerIdentity identity, String controllerHost) {
    // --standalone: this node is the only initial voter; the directory id ties the voter to the
    // metadata log directory, as the storage tool's random one does.
    DynamicVoters standalone =
        new DynamicVoters(
            List.of(
                new DynamicVoter(
                    Uuid.randomUuid(),
                    config.nodeId(),
                    controllerHost,
                    identity.controllerPort())));
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(out)
          .setNodeId(config.nodeId())
          .setClusterId(identity.clusterId())
          .setUnstableFeatureVersionsEnabled(false)
          .setIgnoreFormatted(false)
          .setControllerListenerName(KafkaServerProperties.CONTROLLER_LISTENER)
          .setMetadataLogDirectory(config.metadataLogDir())
          .setHasDynamicQuorum(true)
          .setInitialControllers(standalone)
          // The metadata log shares the one log directory, as metadata.log.dir is left unset.
          .addDirectory(config.metadataLogDir())
          .run();
    } catch (Exception e) {
      throw new BrokerStartupException(
          "Cannot format Kafka storage in " + config.metadataLogDir() + ": " + e.getMessage(), e);
    }
    // The storage tool prints this report to stdout; a library logs it, and only in detail on
    // request (it lists every bootstrap feature record).
    LOG.info(
        "Formatted Kafka storage in {} for new cluster {}",
        config.metadataLogDir(),
        identity.clusterId());
    LOG.debug("{}", report.toString(StandardCharsets.UTF_8).strip());
  }
}

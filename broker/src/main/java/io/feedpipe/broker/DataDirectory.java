package io.feedpipe.broker;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntSupplier;
import org.apache.kafka.common.Uuid;

/**
 * The broker's data directory: {@value #LOG_DIR_NAME}/ (topic logs and the KRaft metadata log, with
 * Kafka's meta.properties) and the {@link BrokerIdentity} file beside it.
 */
final class DataDirectory {

  static final String LOG_DIR_NAME = "kafka-logs";
  static final String META_PROPERTIES = "meta.properties";

  private final Path root;

  private DataDirectory(Path root) {
    this.root = root;
  }

  /** Creates the directory if needed and proves it writable, naming the path if it is not. */
  static DataDirectory prepare(Path dataDir) {
    Path root = dataDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(root.resolve(LOG_DIR_NAME));
      // isWritable alone can be wrong (ACLs, read-only mounts, root ignoring modes): try it.
      Files.delete(Files.createTempFile(root, ".write-probe", ".tmp"));
    } catch (IOException | SecurityException e) {
      throw new BrokerStartupException(
          "The Kafka data directory "
              + root
              + " is not writable ("
              + e
              + "); choose another directory or fix its permissions.",
          e);
    }
    return new DataDirectory(root);
  }

  Path root() {
    return root;
  }

  Path logDir() {
    return root.resolve(LOG_DIR_NAME);
  }

  Path identityFile() {
    return root.resolve(BrokerIdentity.FILE_NAME);
  }

  Path metaPropertiesFile() {
    return logDir().resolve(META_PROPERTIES);
  }

  /** Whether Kafka's storage has been formatted here (Kafka writes meta.properties last). */
  boolean isFormatted() {
    return Files.exists(metaPropertiesFile());
  }

  /**
   * The identity recorded here, or a new one (random cluster id, a free controller port) written
   * before the storage is formatted, so an interrupted first start resumes with the same values.
   *
   * @throws BrokerStartupException if the Kafka storage here belongs to another cluster
   */
  BrokerIdentity identity(IntSupplier freeControllerPort) {
    Optional<BrokerIdentity> recorded = BrokerIdentity.read(identityFile());
    Optional<String> formattedFor = formattedClusterId();
    if (recorded.isPresent()) {
      BrokerIdentity identity = recorded.get();
      if (formattedFor.isPresent() && !formattedFor.get().equals(identity.clusterId())) {
        throw new BrokerStartupException(
            metaPropertiesFile()
                + " was formatted for Kafka cluster "
                + formattedFor.get()
                + ", but "
                + identityFile()
                + " records cluster "
                + identity.clusterId()
                + ": the data directory mixes two clusters. Use another data directory or delete"
                + " this one.");
      }
      return identity;
    }
    if (formattedFor.isPresent()) {
      throw new BrokerStartupException(
          metaPropertiesFile()
              + " was formatted for Kafka cluster "
              + formattedFor.get()
              + " by something other than feedpipe (there is no "
              + identityFile()
              + "). Use another data directory or delete this one.");
    }
    BrokerIdentity fresh =
        new BrokerIdentity(Uuid.randomUuid().toString(), freeControllerPort.getAsInt());
    fresh.write(identityFile());
    return fresh;
  }

  private Optional<String> formattedClusterId() {
    Path file = metaPropertiesFile();
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties meta = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      meta.load(in);
    } catch (IOException e) {
      throw new BrokerStartupException("Cannot read Kafka's " + file + ": " + e, e);
    }
    return Optional.ofNullable(meta.getProperty("cluster.id")).map(String::trim);
  }
}

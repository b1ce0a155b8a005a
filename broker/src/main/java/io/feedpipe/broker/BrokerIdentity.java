package io.feedpipe.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What a data directory must keep across restarts: the KRaft cluster id it was formatted with and
 * the controller port, which the standalone (KIP-853) voter set records in the metadata log. Stored
 * next to the Kafka logs in {@value #FILE_NAME}.
 */
record BrokerIdentity(String clusterId, int controllerPort) {

  static final String FILE_NAME = "feedpipe-broker.properties";

  private static final String CLUSTER_ID = "cluster.id";
  private static final String CONTROLLER_PORT = "controller.port";

  static Optional<BrokerIdentity> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new BrokerStartupException(
          "Cannot read the broker identity file " + file + ": " + e, e);
    }
    String clusterId = props.getProperty(CLUSTER_ID);
    String port = props.getProperty(CONTROLLER_PORT);
    if (clusterId == null || clusterId.isBlank() || port == null) {
      throw new BrokerStartupException(
          "The broker identity file "
              + file
              + " lacks "
              + CLUSTER_ID
              + " or "
              + CONTROLLER_PORT
              + "; restore it or use another data directory.");
    }
    try {
      return Optional.of(new BrokerIdentity(clusterId.trim(), Integer.parseInt(port.trim())));
    } catch (NumberFormatException e) {
      throw new BrokerStartupException(
          "The broker identity file "
              + file
              + " has a "
              + CONTROLLER_PORT
              + " that is not a number: "
              + port,
          e);
    }
  }

  /** Writes to a sibling temporary file first, so a crash never leaves a half-written file. */
  void write(Path file) {
    Properties props = new Properties();
    props.setProperty(CLUSTER_ID, clusterId);
    props.setProperty(CONTROLLER_PORT, Integer.toString(controllerPort));
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        props.store(
            out,
            "Written by feedpipe's embedded Kafka broker when it formatted this directory. Do not"
                + " edit.");
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BrokerStartupException(
          "Cannot write the broker identity file " + file + ": " + e, e);
    }
  }
}

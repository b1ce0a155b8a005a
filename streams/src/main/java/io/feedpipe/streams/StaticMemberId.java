package io.feedpipe.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams app's {@code group.instance.id} (static membership, KIP-345): made once per state
 * directory and kept in a file beside the application's state, so that the same instance comes back
 * under the same id after any restart, a kill -9 included. The group coordinator then hands the
 * restarted instance its own partitions at once instead of waiting for the dead member's session to
 * time out. Kafka Streams adds {@code -<thread index>} for each stream thread's consumer.
 *
 * <p>One id per state directory is one id per instance: two Kafka Streams processes cannot share a
 * state directory (Kafka Streams locks it), and two instances with the same id would fence each
 * other. A lost state directory gives a new id; the old one leaves the group when its session
 * times out.
 */
public final class StaticMemberId {

  private StaticMemberId() {}

  /** The file holding the id of {@code applicationId}'s instance whose state is under {@code stateDir}. */
  public static Path file(Path stateDir, String applicationId) {
    // Beside, not inside, <state.dir>/<application.id>: KafkaStreams.cleanUp() and a wiped state
    // directory must not change who this instance is.
    return stateDir.resolve(applicationId + ".group-instance-id");
  }

  /** Where a deployment names the Streams app's member id, or turns static membership off with {@code ''}. */
  public static final String CONFIG = StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);

  /**
   * Sets {@code group.instance.id} from the state directory's file (made on first use) unless the
   * configuration names one: {@value #CONFIG} (read by the Streams app's main consumer only, so
   * the other clients of the process are not touched) or {@code group.instance.id}. An empty
   * value turns static membership off (dynamic members, as Kafka's default).
   */
  public static void apply(Properties props, Path stateDir, String applicationId) {
    for (String key : new String[] {CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG}) {
      Object configured = props.get(key);
      if (configured != null) {
        if (configured.toString().isBlank()) {
          props.remove(CONFIG);
          props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        }
        return;
      }
    }
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, of(stateDir, applicationId));
  }

  /** The id kept in {@link #file}, made and written there on first use. */
  public static String of(Path stateDir, String applicationId) {
    Path file = file(stateDir, applicationId);
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      Files.createDirectories(stateDir);
      String id = applicationId + "-" + host() + "-" + UUID.randomUUID().toString().substring(0, 8);
      Path tmp = Files.createTempFile(stateDir, file.getFileName().toString(), ".tmp");
      Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
      try {
        // A link appears whole and fails if another start made the file first: that one's id wins.
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException e) {
        // made by a concurrent start
      } catch (UnsupportedOperationException | IOException e) {
        try {
          Files.move(tmp, file);
        } catch (FileAlreadyExistsException made) {
          // made by a concurrent start
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the Streams instance id in " + file
          + " (streams state directory; set " + CONFIG + " in kafka.properties to name one)", e);
    }
  }

  private static String read(Path file) throws IOException {
    String id = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (id.isEmpty() || !id.matches("[A-Za-z0-9._-]+")) {
      throw new IOException("it holds '" + id + "', not an id of letters, digits, '.', '_' and '-'; delete the file to make a new one");
    }
    return id;
  }

  /** The host name, for people reading the group's members; any host name the system gives. */
  private static String host() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        name = "host";
      }
    }
    String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    return clean.length() > 40 ? clean.substring(0, 40) : clean;
  }
}

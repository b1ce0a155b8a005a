package io.feedpipe.connect.worker;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * What Kafka's example FileStreamSinkConnector does, for the integration tests: each record value's
 * {@code toString()} as one line of {@code file}. Kafka's own (module {@code connect-file}) is not
 * on Maven Central for 4.4.0, and the 4.3.1 one no longer loads in a 4.4 worker (it reads its
 * version from a class Kafka 4.4 moved); a Kafka distribution ships the matching one in
 * {@code libs/} (docs/consuming.md).
 */
public final class LineFileSinkConnector extends SinkConnector {

  private Map<String, String> config;

  @Override
  public void start(Map<String, String> props) {
    config = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return LineTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(config);
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return new ConfigDef().define("file", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "file the lines are appended to");
  }

  @Override
  public String version() {
    return "test";
  }

  /** Appends one line per record and flushes at every put: the test reads the file while it runs. */
  public static final class LineTask extends SinkTask {
    private BufferedWriter out;

    @Override
    public void start(Map<String, String> props) {
      try {
        out = Files.newBufferedWriter(Path.of(props.get("file")), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
      try {
        for (SinkRecord record : records) {
          out.write(String.valueOf(record.value()));
          out.newLine();
        }
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void stop() {
      try {
        if (out != null) {
          out.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String version() {
      return "test";
    }
  }
}

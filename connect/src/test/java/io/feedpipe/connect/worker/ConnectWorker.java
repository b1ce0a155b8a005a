package io.feedpipe.connect.worker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Kafka Connect worker in standalone mode ({@code ConnectStandalone}, as {@code
 * bin/connect-standalone.sh} runs it) in a child JVM, with its connectors given on the command line.
 *
 * <p>The child's classpath is the worker's: this test JVM's classpath without feedpipe's own modules
 * and without Avro, which leaves Kafka's Connect runtime with the connectors under test installed
 * beside it (as in a distribution's {@code libs/}). The converter, feedpipe-schemas and Avro are not
 * on it: the worker finds them only through {@code plugin.path}, in the plugin directory the build
 * assembled, so the documented install is what is tested.
 */
public final class ConnectWorker implements AutoCloseable {

  /** The plugin directory's parent, as Maven's assembly left it (set by the failsafe configuration). */
  public static final String PLUGIN_DIR_PROPERTY = "feedpipe.connect.plugin.dir";
  private static final String BUILD_DIR_PROPERTY = "feedpipe.connect.build.dir";
  private static final String REACTOR_DIR_PROPERTY = "feedpipe.connect.reactor.dir";

  private final Process process;
  private final Path log;

  private ConnectWorker(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a worker on {@code bootstrapServers} running the given connectors (each a map of
   * connector properties including {@code name}); returns once the process runs, not once its tasks
   * do (tests wait for their effects).
   */
  public static ConnectWorker start(Path workDir, String bootstrapServers, List<Map<String, String>> connectors) throws IOException {
    Files.createDirectories(workDir);
    Map<String, String> worker = new LinkedHashMap<>();
    worker.put("bootstrap.servers", bootstrapServers);
    worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("value.converter", "io.feedpipe.connect.FeedpipeAvroConverter");
    worker.put("offset.storage.file.filename", workDir.resolve("connect.offsets").toString());
    worker.put("offset.flush.interval.ms", "1000");
    // feedpipe's Streams app writes in transactions: sinks read only committed records.
    worker.put("consumer.isolation.level", "read_committed");
    worker.put("plugin.path", pluginPath().toString());
    // Plugins found through their ServiceLoader manifests (KIP-898; the converter's jar has one):
    // seconds, where scanning every class of the classpath and plugin path takes a minute or more.
    worker.put("plugin.discovery", "service_load");
    worker.put("listeners", "http://127.0.0.1:0");
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m",
        "-Dlogback.configurationFile=" + logbackConfig(workDir),
        "-cp", workerClasspath(),
        "org.apache.kafka.connect.cli.ConnectStandalone", write(workDir.resolve("worker.properties"), worker).toString()));
    for (Map<String, String> connector : connectors) {
      command.add(write(workDir.resolve(connector.get("name") + ".properties"), connector).toString());
    }
    Path log = workDir.resolve("worker.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ConnectWorker(process, log);
  }

  /** A directory for one worker's files (properties, offsets, log) under the build directory, kept for a look after a failure. */
  public static Path workDir(String name) {
    return Path.of(System.getProperty(BUILD_DIR_PROPERTY, "target"), "connect-it", name);
  }

  /** The directory to give as {@code plugin.path}: it holds {@code feedpipe-connect/}. */
  public static Path pluginPath() {
    String dir = System.getProperty(PLUGIN_DIR_PROPERTY);
    if (dir == null || !Files.isDirectory(Path.of(dir, "feedpipe-connect"))) {
      throw new IllegalStateException("no Connect plugin directory at " + dir + "/feedpipe-connect: run these tests with "
          + "mvn verify, which packages the plugin before the integration tests (-D" + PLUGIN_DIR_PROPERTY + ")");
    }
    return Path.of(dir);
  }

  /**
   * Waits (Awaitility) until {@code condition} holds; fails at once if the worker exits, and with the
   * worker's log tail in the message when the time runs out.
   */
  public void awaitUntil(String what, Duration atMost, Callable<Boolean> condition) {
    try {
      Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(500))
          .failFast("the Connect worker exited", () -> Assertions.assertThat(process.isAlive()).as(this::logTail).isTrue())
          .until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\nworker log (" + log + "):\n" + logTail(), e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The worker's log so far (for assertion messages). */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no worker log: " + e + ")";
    }
  }

  /** The last lines of the log, to put in a failure message. */
  public String logTail() {
    List<String> lines = log().lines().collect(Collectors.toList());
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: Connect's shutdown hook stops the connectors
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String workerClasspath() {
    String reactorDir = new File(System.getProperty(REACTOR_DIR_PROPERTY, "..")).getAbsolutePath() + File.separator;
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = Stream.of(classpath.split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        // feedpipe's modules (their target/classes, or their jars) and Avro
        .filter(entry -> !(new File(entry).isDirectory() && new File(entry).getAbsolutePath().startsWith(reactorDir)))
        .filter(entry -> !new File(entry).getName().matches("(avro|feedpipe-.*)-[0-9].*\\.jar"))
        .collect(Collectors.toList());
    if (entries.stream().anyMatch(e -> e.contains("surefirebooter"))) {
      throw new IllegalStateException("the test classpath is a manifest-only booter jar; cannot derive the worker's classpath");
    }
    // The test file sink (LineFileSinkConnector) from this module's test classes: its services
    // file names it to the worker. The converter is not among them (it is a main class).
    try {
      entries.add(new File(LineFileSinkConnector.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getAbsolutePath());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot locate the test classes of LineFileSinkConnector", e);
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Path logbackConfig(Path workDir) throws IOException {
    String config = """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} %msg%n</pattern></encoder>
          </appender>
          <logger name="org.apache.kafka.connect" level="INFO"/>
          <logger name="org.apache.kafka.connect.runtime.isolation" level="INFO"/>
          <logger name="org.apache.kafka.clients" level="WARN"/>
          <logger name="org.apache.kafka.common" level="WARN"/>
          <logger name="io.debezium" level="INFO"/>
          <logger name="org.hibernate" level="WARN"/>
          <root level="WARN"><appender-ref ref="OUT"/></root>
        </configuration>
        """;
    return Files.writeString(workDir.resolve("logback.xml"), config, StandardCharsets.UTF_8);
  }

  private static Path write(Path file, Map<String, String> settings) {
    Properties properties = new Properties();
    properties.putAll(settings);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }
}

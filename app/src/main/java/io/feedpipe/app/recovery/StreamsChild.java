package io.feedpipe.app.recovery;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code feedpipe streams} in a JVM of its own, on this JVM's class path, so that it can be killed
 * with SIGKILL ({@link Process#destroyForcibly()} on Linux) like a crashed production process, or
 * stopped with SIGTERM like a service. Its output is appended to one log file across restarts.
 */
final class StreamsChild implements AutoCloseable {

  /** What StreamsApp logs when Kafka Streams starts: the JVM and the command's own start-up are behind. */
  static final String STREAMS_STARTED = "streams CREATED -> REBALANCING";

  private final List<String> jvmOptions;
  private final Path logFile;
  private Process process;
  private volatile long streamsStartedAt = -1;

  StreamsChild(List<String> jvmOptions, Path logFile) {
    this.jvmOptions = List.copyOf(jvmOptions);
    this.logFile = logFile;
  }

  /** Starts {@code feedpipe <args>}; returns {@link System#nanoTime()} just before the JVM is asked for. */
  long start(List<String> feedpipeArgs) throws IOException {
    if (alive()) {
      throw new IllegalStateException("feedpipe streams already running: pid " + process.pid());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.feedpipe.app.FeedpipeCommand");
    command.addAll(feedpipeArgs);
    long started = System.nanoTime();
    streamsStartedAt = -1;
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Process current = process;
    Thread copier = new Thread(() -> copyOutput(current), "feedpipe-streams-output");
    copier.setDaemon(true);
    copier.start();
    return started;
  }

  /** The {@link System#nanoTime()} at which the running child's Kafka Streams started; -1 until it has. */
  long streamsStartedAt() {
    return streamsStartedAt;
  }

  /** Appends the child's output to the log file, noting when Kafka Streams starts. */
  private void copyOutput(Process child) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (streamsStartedAt < 0 && line.contains(STREAMS_STARTED)) {
          streamsStartedAt = System.nanoTime();
        }
        out.write(line);
        out.newLine();
        out.flush();
      }
    } catch (IOException e) {
      // The child's output closes when it is killed or stopped, sometimes before it is reaped: the
      // log simply ends there.
    }
  }

  /** SIGKILL: no shutdown hook, no clean close; the open transaction is left for the broker to abort. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("feedpipe streams (pid " + process.pid() + ") did not die after SIGKILL");
    }
  }

  /** SIGTERM: the shutdown hook closes Kafka Streams cleanly (commit, checkpoint, leave the group). */
  void stop() throws InterruptedException {
    if (!alive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  Path logFile() {
    return logFile;
  }

  @Override
  public void close() throws InterruptedException {
    if (alive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}

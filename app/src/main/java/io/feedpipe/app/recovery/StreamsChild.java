package io.feedpipe.app.recovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code feedpipe streams} in a JVM of its own, on this JVM's class path, so that it can be killed
 * with SIGKILL ({@link Process#destroyForcibly()} on Linux) like a crashed production process, or
 * stopped with SIGTERM like a service. Its output is appended to one log file across restarts.
 */
final class StreamsChild implements AutoCloseable {

  private final List<String> jvmOptions;
  private final Path logFile;
  private Process process;

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
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    return started;
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

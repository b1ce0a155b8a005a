package io.feedpipe.app.it.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code feedpipe streams} in a child JVM on the test's classpath, so that it can be killed with
 * SIGKILL ({@link Process#destroyForcibly()} on Linux) like a crashed production process. Its
 * output is appended to one log file across restarts.
 */
public final class StreamsProcess implements AutoCloseable {

  private final List<String> command;
  private final Path logFile;
  private Process process;
  private int starts;

  public StreamsProcess(List<String> feedpipeArgs, Path logFile) {
    this.logFile = logFile;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx384m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.feedpipe.app.FeedpipeCommand");
    cmd.addAll(feedpipeArgs);
    this.command = List.copyOf(cmd);
  }

  public void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running: pid " + process.pid());
    }
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    starts++;
  }

  /** SIGKILL: no shutdown hook, no clean close; the open transaction is left for the broker to abort. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child " + process.pid() + " did not die after SIGKILL");
    }
  }

  /** SIGTERM: the shutdown hook closes Kafka Streams cleanly. */
  public int stop() throws InterruptedException {
    if (process == null) {
      return 0;
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public int starts() {
    return starts;
  }

  public Path logFile() {
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

package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A normal start and run prints no WARN or ERROR line: {@code feedpipe run --once} in a child JVM
 * with the logging configuration users get (the jar's {@code logback.xml}, not the tests'), on the
 * embedded broker, polling the LessWrong fixture twice. Every line at WARN or ERROR is something an
 * operator would have to read and judge, so a line that asks for no action is a defect: Kafka's
 * advice about settings feedpipe does not use, a consumer's dropped answers on close, the broker's
 * retried transaction batches.
 *
 * <p>The data directory lives under {@code target/}, not the OS temp directory, as a user's would
 * (Kafka Streams rightly warns about state kept under /tmp).
 */
class QuietLogsIT {

  private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR) ");

  @Test
  void runOnceTwiceOnTheEmbeddedBrokerLogsNoWarningOrError() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "quiet-logs-").toAbsolutePath();
    String feed = Path.of(QuietLogsIT.class.getResource("/fixtures/lesswrong/feed.xml").toURI()).toString();
    String port = Integer.toString(freePort());

    List<String> lines = new ArrayList<>();
    for (int run = 1; run <= 2; run++) {
      Path log = dataDir.resolve("run-" + run + ".log");
      Process process = new ProcessBuilder(command("run", "--once", "--port", port, "--data-dir", dataDir.resolve("data").toString(), "--feed", feed))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("run %d finished", run).isTrue();
      List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as("run %d exit code; output:%n%s", run, String.join("\n", output)).isZero();
      lines.addAll(output);
    }

    assertThat(lines).as("INFO lines were logged at all (the logging configuration is the jar's)")
        .anyMatch(line -> line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .*"));
    assertThat(lines.stream().filter(line -> WARN_OR_ERROR.matcher(line).find()))
        .as("WARN/ERROR lines of two normal runs").isEmpty();
  }

  /** feedpipe in a child JVM on the test classpath, configured by the application's logback.xml. */
  private static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    // The test classpath holds logback-test.xml, which logback would prefer.
    cmd.add("-Dlogback.configurationFile=logback.xml");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.feedpipe.app.FeedpipeCommand");
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

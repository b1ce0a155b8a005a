package io.feedpipe.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (the Debian package) as a child process. Where it is missing the browser tests
 * are skipped, except under CI (CI=true), where they fail: CI installs it (.ci/run).
 */
final class Chromium {
  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  static Chromium requireInstalled() {
    for (String name : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(name))) {
        return new Chromium(Path.of(name));
      }
    }
    String message = "headless Chromium not found (apt-get install -y chromium)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + "; CI=true requires it");
    }
    Assumptions.abort(message);
    return null;
  }

  /** The DOM after the page loaded, as Chromium serializes it. */
  String dumpDom(String url) throws IOException, InterruptedException {
    return new String(run(List.of("--dump-dom", url)), StandardCharsets.UTF_8);
  }

  /** A PNG of the page at the given window size. */
  void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
    run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars", url));
    assertThat(png).isNotEmptyFile();
  }

  private byte[] run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("feedpipe-chromium-");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
    command.addAll(args);
    Path out = Files.createTempFile("chromium-out-", ".txt");
    Path err = Files.createTempFile("chromium-err-", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish in 2 minutes: " + command);
    }
    assertThat(process.exitValue()).as("chromium exit code; stderr: %s", Files.readString(err)).isZero();
    return Files.readAllBytes(out);
  }
}

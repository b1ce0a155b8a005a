package io.feedpipe.streams.clean;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the shared fixtures: from the test classpath ({@code fixtures/...}, mapped from the
 * repository's {@code fixtures/} folder by the streams pom), or from {@code ../fixtures} relative
 * to the module when run without that mapping (an IDE run, say).
 */
public final class Fixtures {

  private Fixtures() {}

  public static String read(String relativePath) {
    try (InputStream in =
        Fixtures.class.getClassLoader().getResourceAsStream("fixtures/" + relativePath)) {
      if (in != null) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Path fallback = Path.of("..", "fixtures").resolve(relativePath);
      return Files.readString(fallback, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + relativePath, e);
    }
  }
}

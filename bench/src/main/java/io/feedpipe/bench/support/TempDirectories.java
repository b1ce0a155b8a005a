package io.feedpipe.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary directories the benchmark commands create for an embedded broker and state. */
public final class TempDirectories {
  private TempDirectories() {}

  /** Deletes {@code dir} and everything below it; what cannot be deleted is left for the OS. */
  public static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: left for the OS
    }
  }
}

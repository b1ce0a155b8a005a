package io.feedpipe.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared feed corpus (real-world and hostile feeds, listed in its {@code MANIFEST.tsv}), which
 * lives outside the repository. Its folder is system property {@value #PROPERTY}, which the root
 * pom sets for Surefire and Failsafe to {@code ../shared/feeds} next to the checkout (override:
 * {@code mvn -Dfeedpipe.corpus=DIR}); a test that needs it is skipped, with a message, where the
 * folder is absent.
 */
public final class FeedCorpus {

  /** The system property naming the corpus folder. */
  public static final String PROPERTY = "feedpipe.corpus";

  private FeedCorpus() {}

  /** The corpus folder, holding MANIFEST.tsv; aborts (skips) the calling test when there is none. */
  public static Path require() {
    Optional<Path> dir = find();
    Assumptions.assumeTrue(dir.isPresent(), "feed corpus not found at " + describe() + ": feed corpus test skipped");
    return dir.get();
  }

  /** The corpus folder, holding MANIFEST.tsv, for tests that use it when it is there. */
  public static Optional<Path> find() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      return Optional.empty();
    }
    Path dir = Path.of(configured).toAbsolutePath().normalize();
    return Files.isRegularFile(dir.resolve("MANIFEST.tsv")) ? Optional.of(dir) : Optional.empty();
  }

  private static String describe() {
    String configured = System.getProperty(PROPERTY);
    return configured == null || configured.isBlank() ? "system property " + PROPERTY + " (not set; the root pom sets it)"
        : Path.of(configured).toAbsolutePath().normalize() + " (" + PROPERTY + ")";
  }
}

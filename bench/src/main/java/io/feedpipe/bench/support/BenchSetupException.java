package io.feedpipe.bench.support;

/**
 * A benchmark cannot run as asked: an option out of range, or a cluster that already holds the
 * topics it would write. Thrown before anything is measured; the message names the option or the
 * topic at fault, so the command can report it as a usage error.
 */
public final class BenchSetupException extends RuntimeException {
  public BenchSetupException(String message) {
    super(message);
  }
}

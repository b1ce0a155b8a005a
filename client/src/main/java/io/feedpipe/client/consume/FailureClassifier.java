package io.feedpipe.client.consume;

/** Tells a failure of the records (retrying cannot help) from a failure of their surroundings. */
@FunctionalInterface
public interface FailureClassifier {
  FailureKind classify(Throwable failure);

  /** {@link StandardFailures#classify}: SQLState classes, Java conversion errors, I/O. */
  static FailureClassifier standard() {
    return StandardFailures::classify;
  }

  /** Every failure is transient: the batch is retried until it goes through (the old behaviour). */
  static FailureClassifier alwaysTransient() {
    return failure -> FailureKind.TRANSIENT;
  }
}

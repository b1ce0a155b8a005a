package io.feedpipe.client.consume;

/**
 * Thrown by a batch handler (or code it calls) to say "this input can never be written", for a
 * failure no classifier could recognise by its type: a value over the store's size bound, a field
 * the target format cannot represent. {@link StandardFailures} classifies it, anywhere in a cause
 * chain, as {@link FailureKind#DETERMINISTIC}.
 */
public class DeterministicFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeterministicFailureException(String message) {
    super(message);
  }

  public DeterministicFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.feedpipe.client.consume;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the records at fault in a batch that failed deterministically: writes its halves
 * separately, and the halves of a half that fails, down to single records. A failing single record
 * is at fault; everything else is written, in the batch's order (left half before right half).
 * About {@code 2·k·log2(n)} attempts for {@code k} bad records in {@code n}.
 *
 * <p>Pure: the writing is the {@link Attempt} it is given, the classification the {@link
 * FailureClassifier}; no Kafka, no store. An attempt that fails transiently ends the search at
 * once: the caller retries the whole batch later (what was written meanwhile is written again,
 * which the idempotent handlers {@link DurableConsumer} requires make harmless).
 */
public final class BatchBisection {
  private BatchBisection() {}

  /** Writes some of the batch durably, or throws. */
  @FunctionalInterface
  public interface Attempt<T> {
    void write(List<T> items) throws Exception;
  }

  /** A record found at fault, with the failure it caused alone. */
  public record Rejected<T>(T item, Throwable reason) {}

  /** How the search ended. */
  public sealed interface Outcome<T> {}

  /** Every item was written or rejected; {@code written} counts those written. */
  public record Isolated<T>(int written, List<Rejected<T>> rejected) implements Outcome<T> {}

  /** An attempt failed transiently: retry the whole batch later. */
  public record Interrupted<T>(Throwable failure) implements Outcome<T> {}

  /**
   * @param batch the items, which already failed together with {@code failure}, a deterministic
   *     failure
   */
  public static <T> Outcome<T> isolate(List<T> batch, Throwable failure, Attempt<T> attempt, FailureClassifier classifier) {
    List<Rejected<T>> rejected = new ArrayList<>();
    int[] written = {0};
    Throwable interrupted = search(batch, failure, attempt, classifier, rejected, written);
    return interrupted != null ? new Interrupted<>(interrupted) : new Isolated<>(written[0], List.copyOf(rejected));
  }

  /** Returns the transient failure that stopped the search, or null. */
  private static <T> Throwable search(List<T> failed, Throwable failure, Attempt<T> attempt, FailureClassifier classifier,
      List<Rejected<T>> rejected, int[] written) {
    if (failed.size() == 1) {
      rejected.add(new Rejected<>(failed.get(0), failure));
      return null;
    }
    int middle = failed.size() / 2;
    for (List<T> half : List.of(failed.subList(0, middle), failed.subList(middle, failed.size()))) {
      try {
        attempt.write(half);
        written[0] += half.size();
      } catch (Exception e) {
        if (classifier.classify(e) != FailureKind.DETERMINISTIC) {
          return e;
        }
        Throwable stop = search(half, e, attempt, classifier, rejected, written);
        if (stop != null) {
          return stop;
        }
      }
    }
    return null;
  }
}

package io.feedpipe.producer.fetch;

import java.io.IOException;

/** A fetch found no room within {@code producer.max-bytes-in-flight}; the message names the setting. */
public final class BytesInFlightException extends IOException {
  private final boolean largerThanBudget;

  BytesInFlightException(String message, boolean largerThanBudget) {
    super(message);
    this.largerThanBudget = largerThanBudget;
  }

  /** True: the body alone exceeds the whole budget (retrying cannot help); false: the budget was busy. */
  public boolean largerThanBudget() {
    return largerThanBudget;
  }
}

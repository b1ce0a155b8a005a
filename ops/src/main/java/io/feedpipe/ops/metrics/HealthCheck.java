package io.feedpipe.ops.metrics;

import java.util.Objects;

/** One named condition of a process' health: the broker answers, Streams is RUNNING, … Must not block for long. */
@FunctionalInterface
public interface HealthCheck {

  Result check();

  /** Whether the condition holds, and a short reason an operator can act on. */
  record Result(boolean up, String detail) {
    public Result {
      Objects.requireNonNull(detail, "detail");
    }

    public static Result up(String detail) {
      return new Result(true, detail);
    }

    public static Result down(String detail) {
      return new Result(false, detail);
    }
  }
}

package io.feedpipe.app.recovery;

import java.time.Duration;
import java.util.Locale;

/** The table bench-recovery prints: each restart's time to resume, and its ratio to the clean stop (the ceiling). */
public final class RecoveryReport {

  private RecoveryReport() {}

  public static String table(RecoveryBench.Result result) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "bench-recovery: %,d ids in the dedupe store (changelog end offsets %,d)%n",
        result.ids(), result.changelogRecords()));
    out.append(String.format(Locale.ROOT, "%-45s %16s %14s%n", "restart", "time to resume", "vs clean stop"));
    Duration ceiling = find(result, RecoveryBench.Scenario.CLEAN_STOP);
    for (RecoveryBench.Measure m : result.measures()) {
      String ratio = ceiling == null || ceiling.isZero() ? "-"
          : String.format(Locale.ROOT, "%.2fx", (double) m.toResume().toNanos() / ceiling.toNanos());
      out.append(String.format(Locale.ROOT, "%-45s %14.1f s %14s%n", m.scenario().label(), m.toResume().toMillis() / 1000.0, ratio));
    }
    Duration kill = find(result, RecoveryBench.Scenario.KILL);
    Duration before = find(result, RecoveryBench.Scenario.KILL_AS_BEFORE);
    if (kill != null && before != null && !kill.isZero()) {
      out.append(String.format(Locale.ROOT, "kill -9: Kafka 4.3 behaviour / feedpipe's settings = %.1fx%n",
          (double) before.toNanos() / kill.toNanos()));
    }
    out.append("Time to resume: from asking for the new JVM until a post written right after reaches posts.clean (JVM start included).\n");
    return out.toString();
  }

  private static Duration find(RecoveryBench.Result result, RecoveryBench.Scenario scenario) {
    return result.measures().stream().filter(m -> m.scenario() == scenario).map(RecoveryBench.Measure::toResume).findFirst().orElse(null);
  }
}

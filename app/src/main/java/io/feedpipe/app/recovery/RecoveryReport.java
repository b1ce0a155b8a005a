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
    out.append(String.format(Locale.ROOT, "%-47s %14s %8s %22s %8s%n", "restart", "time to resume", "vs clean", "after Streams started", "vs clean"));
    RecoveryBench.Measure ceiling = measure(result, RecoveryBench.Scenario.CLEAN_STOP);
    for (RecoveryBench.Measure m : result.measures()) {
      out.append(String.format(Locale.ROOT, "%-47s %12.1f s %8s %20.1f s %8s%n", m.scenario().label(),
          seconds(m.toResume()), ratio(m.toResume(), ceiling == null ? null : ceiling.toResume()),
          seconds(m.afterStreamsStart()), ratio(m.afterStreamsStart(), ceiling == null ? null : ceiling.afterStreamsStart())));
    }
    RecoveryBench.Measure kill = measure(result, RecoveryBench.Scenario.KILL);
    RecoveryBench.Measure before = measure(result, RecoveryBench.Scenario.KILL_AS_BEFORE);
    if (kill != null && before != null && !kill.toResume().isZero() && !kill.afterStreamsStart().isZero()) {
      out.append(String.format(Locale.ROOT, "kill -9, Kafka 4.3 behaviour / feedpipe's settings: %.1fx (%.1fx after Streams started)%n",
          (double) before.toResume().toNanos() / kill.toResume().toNanos(),
          (double) before.afterStreamsStart().toNanos() / kill.afterStreamsStart().toNanos()));
    }
    out.append("Time to resume: from asking for the new JVM until a post written right after reaches posts.clean (JVM start included);\n"
        + "after Streams started: the part of it after Kafka Streams started in that JVM (the JVM's and the command's start-up left out).\n");
    return out.toString();
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String ratio(Duration value, Duration ceiling) {
    return ceiling == null || ceiling.isZero() ? "-" : String.format(Locale.ROOT, "%.2fx", (double) value.toNanos() / ceiling.toNanos());
  }

  private static RecoveryBench.Measure measure(RecoveryBench.Result result, RecoveryBench.Scenario scenario) {
    return result.measures().stream().filter(m -> m.scenario() == scenario).findFirst().orElse(null);
  }
}

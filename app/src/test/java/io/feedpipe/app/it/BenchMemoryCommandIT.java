package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.app.cli.BenchMemoryCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code feedpipe bench-memory} end to end on a small run: its own embedded broker, 3,000 posts over
 * 4 simulated hours with a 1 h retention, so every store instance is swept about a dozen times.
 * Not 12 hours: the simulated clock would then run ~2,000 times faster than real time, and a sweep
 * punctuation delayed by 0.1 s on a busy CI machine let 15 more ids (5 % of that run's bound of
 * 344) pile up, enough to exceed it once; at 4 hours the same delay is 1.5 % of the bound. The run
 * completes within its bounds and the store ends up holding fewer ids than were written. No timing is
 * asserted; the 1,000,000-post run is documented, not tested (docs/benchmarks-and-faults.md).
 */
class BenchMemoryCommandIT {

  @TempDir Path work;

  @Test
  void smallRunStaysWithinBoundsAndForgetsExpiredIds() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BenchMemoryCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
        "--posts", "3000", "--retention", "1h", "--simulated-span", "4h", "--feeds", "50",
        "--sample-interval", "250ms", "--progress-interval", "2s", "--full-gc-interval", "0s", "--work-dir", work.toString());

    assertThat(code).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
    assertThat(out.toString()).contains("All bounds held.").doesNotContain("EXCEEDED");
    Matcher remembered = Pattern.compile("ids remembered at end\\s+([\\d,]+) of 3,000").matcher(out.toString());
    assertThat(remembered.find()).as("summary row 'ids remembered at end' in:%n%s", out).isTrue();
    long keysAtEnd = Long.parseLong(remembered.group(1).replace(",", ""));
    // 750 new ids per simulated hour: about 1-1.25 h of them are remembered, the rest were swept.
    assertThat(keysAtEnd).isPositive().isLessThan(3000);
    assertThat(err.toString()).contains("3,000/3,000 posts").contains("sweeps forgot");
  }
}

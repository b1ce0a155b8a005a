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
 * 4 simulated hours with a 2 h retention (swept every 30 min), so every store instance is swept
 * about eight times and over a third of the ids are forgotten. Why these numbers: a sweep runs when
 * the stream thread gets to it, and while it waits, ids keep arriving at the processing rate
 * (~150/s here). The id bound allows 10 % over the ideal; the longer the retention is relative to
 * the span, the more ids that 10 % is. With the former 12 h span and 1 h retention it was 31 ids,
 * and one busy CI run ended 8 over; now it is ~190, over a second of delay. The run
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
        "--posts", "3000", "--retention", "2h", "--simulated-span", "4h", "--feeds", "50",
        "--sample-interval", "250ms", "--progress-interval", "2s", "--full-gc-interval", "0s", "--work-dir", work.toString());

    assertThat(code).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
    assertThat(out.toString()).contains("All bounds held.").doesNotContain("EXCEEDED");
    Matcher remembered = Pattern.compile("ids remembered at end\\s+([\\d,]+) of 3,000").matcher(out.toString());
    assertThat(remembered.find()).as("summary row 'ids remembered at end' in:%n%s", out).isTrue();
    long keysAtEnd = Long.parseLong(remembered.group(1).replace(",", ""));
    // 750 new ids per simulated hour: about 2-2.5 h of them are remembered, the rest were swept.
    assertThat(keysAtEnd).isPositive().isLessThan(3000);
    assertThat(err.toString()).contains("3,000/3,000 posts").contains("sweeps forgot");
  }
}

package io.feedpipe.ops.replay;

import java.io.PrintStream;

/**
 * A progress bar for {@link SliceCopier}, on standard error so that standard output keeps only the
 * result. On a terminal it redraws one line; otherwise (a log file, CI) it prints a line at each
 * tenth.
 */
public final class ProgressBar implements SliceCopier.Progress {
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final boolean terminal;
  private int lastTenth = -1;
  private boolean drawn;

  public ProgressBar(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void update(long scanned, long total, long copied) {
    double fraction = total <= 0 ? 1.0 : Math.min(1.0, (double) scanned / total);
    String line = render(fraction, scanned, total, copied);
    if (terminal) {
      err.print("\r" + line);
      drawn = true;
    } else {
      int tenth = (int) Math.floor(fraction * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        err.println(line);
      }
    }
    err.flush();
  }

  /** Ends the redrawn line. */
  public void done() {
    if (drawn) {
      err.println();
      drawn = false;
    }
  }

  static String render(double fraction, long scanned, long total, long copied) {
    int filled = (int) Math.round(fraction * WIDTH);
    return "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + String.format("%3d%%", Math.round(fraction * 100)) + " "
        + scanned + "/" + total + " scanned, " + copied + " copied";
  }
}

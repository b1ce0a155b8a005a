package io.feedpipe.ops;

import java.util.List;

/** Plain-text tables for the terminal: left-aligned columns, two spaces apart; the last column is not padded. */
public final class TextColumns {
  private TextColumns() {}

  /** {@code rows} all have the same number of cells; the first row is usually the header. */
  public static String format(List<String[]> rows) {
    int n = rows.get(0).length;
    int[] width = new int[n];
    for (String[] row : rows) {
      for (int i = 0; i < n; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < n; i++) {
        line.append(i == n - 1 ? row[i] : String.format("%-" + (width[i] + 2) + "s", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}

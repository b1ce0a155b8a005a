package io.feedpipe.app.reprocess;

import java.util.ArrayList;
import java.util.List;

/**
 * The paragraphs two plain texts do not share, as {@code - removed} and {@code + added} lines in
 * text order (a longest common subsequence over paragraphs). Pure; for showing a few samples, not
 * for long texts in bulk.
 */
public final class ParagraphDiff {
  private ParagraphDiff() {}

  /** At most {@code maxLines} lines, each cut to {@code maxChars} characters; a last line says how many more there were. */
  public static List<String> of(String before, String after, int maxLines, int maxChars) {
    List<String> a = paragraphs(before);
    List<String> b = paragraphs(after);
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (j >= b.size() || (i < a.size() && common[i + 1][j] >= common[i][j + 1])) {
        lines.add("- " + cut(a.get(i++), maxChars));
      } else {
        lines.add("+ " + cut(b.get(j++), maxChars));
      }
    }
    if (lines.size() > maxLines) {
      int more = lines.size() - maxLines;
      lines = new ArrayList<>(lines.subList(0, maxLines));
      lines.add("  … " + more + " more changed paragraph(s)");
    }
    return lines;
  }

  private static List<String> paragraphs(String text) {
    List<String> paragraphs = new ArrayList<>();
    for (String line : (text == null ? "" : text).split("\n")) {
      if (!line.isBlank()) {
        paragraphs.add(line.strip());
      }
    }
    return paragraphs;
  }

  private static String cut(String s, int maxChars) {
    return s.length() <= maxChars ? s : s.substring(0, maxChars - 1) + "…";
  }
}

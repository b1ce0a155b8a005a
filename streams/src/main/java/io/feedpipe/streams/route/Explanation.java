package io.feedpipe.streams.route;

import java.util.List;

/**
 * Why a condition did or did not match a post: what the condition asks ({@code condition}), what the
 * post has ({@code because}), and the same for each part of a combinator.
 */
public record Explanation(boolean matched, String condition, String because, List<Explanation> parts) {

  public Explanation {
    parts = List.copyOf(parts);
  }

  static Explanation leaf(boolean matched, String condition, String because) {
    return new Explanation(matched, condition, because, List.of());
  }

  /** Indented lines, one per condition: {@code [x] title ~ /^\[Paper\]/ (title is '[Paper] …')}. */
  public String render(String indent) {
    StringBuilder sb = new StringBuilder();
    render(sb, indent);
    return sb.toString();
  }

  private void render(StringBuilder sb, String indent) {
    sb.append(indent).append(matched ? "[x] " : "[ ] ").append(condition).append("  (").append(because).append(")\n");
    for (Explanation part : parts) {
      part.render(sb, indent + "    ");
    }
  }
}

package io.feedpipe.bench.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * One post of the LessWrong fixture, taken apart so that new posts can be assembled from it.
 *
 * @param title the title as the feed gives it
 * @param link the post's link
 * @param published the item's pubDate
 * @param blocks the top-level blocks of its HTML between LessWrong's "Published on … GMT" head and
 *     its trailing "Discuss" link (paragraphs, lists, MathJax spans with their CSS), as HTML
 */
public record FixturePost(String title, String link, Instant published, List<String> blocks) {
  public FixturePost {
    blocks = List.copyOf(blocks);
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("fixture post '" + title + "' has no HTML blocks");
    }
  }
}

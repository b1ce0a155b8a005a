package io.feedpipe.streams.clean;

import java.util.List;
import java.util.Objects;

/**
 * What {@link HtmlCleaner#clean(String, String)} makes of one entry's HTML.
 *
 * @param text plain text keeping the document's shape: blocks separated by one blank line, list
 *     items one per line with "- " or "1. " markers, quotes prefixed "> "; trimmed, no runs of
 *     spaces outside preformatted blocks, no trailing spaces, never more than one blank line
 * @param html allow-list-sanitized HTML (a fragment, no {@code <html>}/{@code <body>})
 * @param excerpt the start of {@code text} on one line, at most {@link
 *     CleanerConfig#excerptMaxChars()} characters of it; when cut, it ends at a sentence end
 *     followed by " …" or at a word boundary followed by "…"
 * @param wordCount maximal runs of Unicode letters or digits in {@code text}
 * @param outboundLinks absolute http(s) link targets in document order, without duplicates,
 *     tracking parameters removed
 * @param images the images the HTML shows with an absolute http(s) URL, in document order, without
 *     duplicates; tracking pixels are not among them
 */
public record CleanedContent(
    String text, String html, String excerpt, int wordCount, List<String> outboundLinks, List<Image> images) {

  static final CleanedContent EMPTY = new CleanedContent("", "", "", 0, List.of(), List.of());

  /** An image: its URL as the HTML has it, and its alt text (empty when none). */
  public record Image(String url, String alt) {
    public Image {
      Objects.requireNonNull(url, "url");
      alt = alt == null ? "" : alt;
    }
  }

  public CleanedContent {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(excerpt, "excerpt");
    outboundLinks = List.copyOf(outboundLinks);
    images = List.copyOf(images);
  }

  /** Without images. */
  public CleanedContent(String text, String html, String excerpt, int wordCount, List<String> outboundLinks) {
    this(text, html, excerpt, wordCount, outboundLinks, List.of());
  }
}

package io.feedpipe.streams.clean;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;

/**
 * Turns a feed entry's untrusted HTML into plain text and sanitized HTML, with an excerpt, a word
 * count and the outbound links: one Jsoup parse, one edge-only pass for boilerplate, and one
 * traversal that writes everything.
 *
 * <p>Thread-safe: holds only its immutable configuration; each call works on its own tree, and
 * writes into working arrays kept per thread ({@link CleaningBuffers}).
 */
public final class HtmlCleaner {

  /** A complete start or end tag; its name must be an HTML tag name for the title to be markup. */
  private static final Pattern TAG = Pattern.compile("</?([A-Za-z][A-Za-z0-9]*)(?:\\s[^<>]*)?/?>");

  private final CleanerConfig config;
  private final BoilerplateStripper boilerplate;

  public HtmlCleaner(CleanerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.boilerplate = new BoilerplateStripper(config.boilerplateRules());
  }

  /**
   * Cleans one entry's HTML.
   *
   * @param html the entry's content or description, as the feed gave it; null or blank gives an
   *     empty result
   * @param baseUri the entry's link, or the feed's URL, against which relative URLs are made
   *     absolute; null (or not http(s)) leaves relative URLs relative
   */
  public CleanedContent clean(String html, String baseUri) {
    if (html == null || html.isBlank()) {
      return CleanedContent.EMPTY;
    }
    // The parser's base URI is left empty: URLs are resolved by UrlPolicy, after they are vetted.
    Document document = Jsoup.parse(html);
    Element body = document.body();
    boilerplate.strip(body);
    CleaningBuffers buffers = CleaningBuffers.acquire();
    try {
      CleaningTraversal traversal =
          new CleaningTraversal(body, UrlPolicy.forBase(baseUri), buffers);
      NodeTraversor.filter(traversal, body);
      String text = SafeChars.text(traversal.text());
      return new CleanedContent(
          text,
          SafeChars.html(traversal.html()),
          ExcerptCutter.cut(text, config.excerptMaxChars()),
          traversal.wordCount(),
          traversal.outboundLinks(),
          traversal.images());
    } finally {
      buffers.release();
    }
  }

  /**
   * The text of a title, on one line with whitespace normalized. Titles arrive as plain text, as
   * text with entities, or as HTML (Atom's {@code type="html"}); markup is only parsed when the
   * title holds a complete tag with an HTML tag name, so "x<y and y>z" stays as it is.
   */
  public static String plainTitle(String titleMaybeWithMarkupOrEntities) {
    if (titleMaybeWithMarkupOrEntities == null) {
      return "";
    }
    String title = titleMaybeWithMarkupOrEntities;
    String text;
    if (hasHtmlTag(title)) {
      Element body = Jsoup.parseBodyFragment(title).body();
      CleaningTraversal traversal =
          new CleaningTraversal(body, UrlPolicy.forBase(null), new CleaningBuffers(256));
      NodeTraversor.filter(traversal, body);
      text = traversal.text();
    } else if (title.indexOf('&') >= 0) {
      text = Parser.unescapeEntities(title, false);
    } else {
      text = title;
    }
    return Whitespace.collapse(SafeChars.text(text));
  }

  private static boolean hasHtmlTag(String title) {
    if (title.indexOf('<') < 0) {
      return false;
    }
    Matcher m = TAG.matcher(title);
    while (m.find()) {
      if (ElementPolicy.isHtmlTag(m.group(1).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}

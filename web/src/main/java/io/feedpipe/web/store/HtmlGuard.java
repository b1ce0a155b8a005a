package io.feedpipe.web.store;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * A second allow-list pass over a post's HTML before the page holds it. The Streams cleaner already
 * made it safe, but posts.clean is a topic: anything with write access to it could put markup there,
 * and a page that embeds HTML should not trust its input on someone else's word. The list mirrors
 * the cleaner's (so its output passes unchanged), links get {@code rel="noopener nofollow"}, and
 * only http(s) and mailto URLs survive.
 */
public final class HtmlGuard {
  private static final Safelist SAFELIST = Safelist.relaxed()
      .addTags("figure", "figcaption", "hr", "s", "del", "ins", "mark", "kbd", "samp", "var", "abbr")
      // The cleaner marks formulas <span class="math">; classes only select our own stylesheet's rules.
      .addAttributes("span", "class")
      .addAttributes("abbr", "title")
      .removeProtocols("a", "href", "ftp")
      .addEnforcedAttribute("a", "rel", "noopener nofollow")
      .removeProtocols("img", "src", "http", "https").addProtocols("img", "src", "http", "https");

  private static final Document.OutputSettings OUTPUT = new Document.OutputSettings().prettyPrint(false);

  private HtmlGuard() {}

  /** {@code html} with only allow-listed tags, attributes and URL schemes. */
  public static String guard(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    // No base URI: a relative URL (which the cleaner never writes) is dropped, not resolved.
    return Jsoup.clean(html, "", SAFELIST, OUTPUT);
  }
}

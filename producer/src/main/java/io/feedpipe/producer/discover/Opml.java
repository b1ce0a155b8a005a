package io.feedpipe.producer.discover;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads and writes OPML 1.0/2.0 subscription lists ({@code <outline type="rss" xmlUrl="…">}).
 * Read with Jsoup's XML parser, which neither loads DTDs nor expands entities. Pure.
 */
public final class Opml {
  private Opml() {}

  /** One subscription: the feed URL and its title (null when the outline gives none). */
  public record Outline(URI xmlUrl, String title) {}

  /** Every outline with an {@code xmlUrl}, nested folders included, in document order; unusable URLs are skipped. */
  public static List<Outline> read(byte[] opml) {
    Document doc = Jsoup.parse(new String(opml, StandardCharsets.UTF_8), "", Parser.xmlParser());
    List<Outline> outlines = new ArrayList<>();
    for (Element outline : doc.select("outline[xmlUrl]")) {
      String url = outline.attr("xmlUrl").strip();
      String title = outline.hasAttr("title") ? outline.attr("title") : outline.attr("text");
      try {
        outlines.add(new Outline(URI.create(url), title.isBlank() ? null : title.strip()));
      } catch (IllegalArgumentException e) {
        // skip what is not a URL
      }
    }
    return outlines;
  }

  /** An OPML 2.0 document listing the feeds. */
  public static String write(String title, List<Outline> outlines) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head><title>")
        .append(escape(title)).append("</title></head>\n  <body>\n");
    for (Outline o : outlines) {
      String text = o.title() == null ? o.xmlUrl().toString() : o.title();
      out.append("    <outline type=\"rss\" text=\"").append(escape(text)).append("\" title=\"").append(escape(text))
          .append("\" xmlUrl=\"").append(escape(o.xmlUrl().toString())).append("\"/>\n");
    }
    return out.append("  </body>\n</opml>\n").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

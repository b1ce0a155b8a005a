package io.feedpipe.streams.clean;

import io.feedpipe.streams.clean.ElementPolicy.Action;
import io.feedpipe.streams.clean.ElementPolicy.Layout;
import io.feedpipe.streams.clean.ElementPolicy.Rule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * The one walk over a parsed entry that writes its plain text and its sanitized HTML side by side.
 *
 * <p>A {@link NodeFilter} rather than a visitor so that dropped subtrees (scripts, styles, math
 * glyphs) are skipped, not walked: they are often the bulk of the markup (a MathJax stylesheet is
 * ~20 KB per formula-bearing post).
 */
final class CleaningTraversal implements NodeFilter {

  private final Element root;
  private final UrlPolicy urls;
  private final PlainTextBuilder text;
  private final SafeHtmlWriter html;
  private final Set<String> outboundLinks = new LinkedHashSet<>();
  private char[] scratch = new char[1024];

  /** {@code root} itself is walked but not written: it is the document body. */
  CleaningTraversal(Element root, UrlPolicy urls, int inputLength) {
    this.root = root;
    this.urls = urls;
    // Sized so that typical posts never grow them: text is most of a simple post's markup.
    this.text = new PlainTextBuilder(inputLength);
    this.html = new SafeHtmlWriter(inputLength + inputLength / 8);
  }

  @Override
  public FilterResult head(Node node, int depth) {
    if (node instanceof TextNode textNode) { // CDATA sections included
      // One bulk copy into a reused array; both writers then scan plain chars.
      String content = textNode.getWholeText();
      int n = content.length();
      if (n > scratch.length) {
        scratch = new char[Math.max(n, scratch.length * 2)];
      }
      content.getChars(0, n, scratch, 0);
      int flags = TextScan.scan(scratch, 0, n);
      text.append(scratch, 0, n, (flags & TextScan.IRREGULAR_SPACE) == 0);
      html.text(scratch, 0, n, (flags & TextScan.NEEDS_ESCAPE) != 0);
      return FilterResult.CONTINUE;
    }
    if (!(node instanceof Element el)) {
      return FilterResult.SKIP_ENTIRELY; // comments, script and style data, doctype
    }
    if (el == root) {
      return FilterResult.CONTINUE;
    }
    switch (MathFormulas.classify(el)) {
      case FORMULA:
        writeFormula(el);
        return FilterResult.SKIP_ENTIRELY;
      case DUPLICATE:
        return FilterResult.SKIP_ENTIRELY;
      case NONE:
      default:
        break;
    }
    Rule rule = ElementPolicy.rule(el.normalName());
    if (rule.action() == Action.DROP) {
      return FilterResult.SKIP_ENTIRELY;
    }
    if (rule.action() == Action.KEEP && !writeOpenTag(el, rule)) {
      return FilterResult.SKIP_ENTIRELY;
    }
    startLayout(el, rule.layout());
    return FilterResult.CONTINUE;
  }

  @Override
  public FilterResult tail(Node node, int depth) {
    if (node instanceof Element el && el != root) {
      Rule rule = ElementPolicy.rule(el.normalName());
      if (rule.action() == Action.KEEP && !rule.isVoid()) {
        html.closeTag(el.normalName());
      }
      endLayout(rule.layout());
    }
    return FilterResult.CONTINUE;
  }

  String text() {
    return text.build();
  }

  String html() {
    return html.build();
  }

  int wordCount() {
    return text.wordCount();
  }

  List<String> outboundLinks() {
    return new ArrayList<>(outboundLinks);
  }

  /** Writes the tag and its allowed attributes; false when the element is pointless without them. */
  private boolean writeOpenTag(Element el, Rule rule) {
    String name = el.normalName();
    if (name.equals("img")) {
      String src = el.hasAttr("src") ? urls.image(el.attr("src")) : null;
      if (src == null) {
        return false; // an image without a safe source shows nothing
      }
      html.openTag(name);
      html.attribute("src", src);
      writePlainAttributes(el, rule, "src");
    } else if (name.equals("a")) {
      html.openTag(name);
      String raw = el.attr("href");
      String href = el.hasAttr("href") ? urls.link(raw) : null;
      if (href != null) {
        html.attribute("href", href);
        if (UrlPolicy.isAbsoluteHttp(href) && !UrlPolicy.strip(raw).startsWith("#")) {
          outboundLinks.add(href);
        }
      }
      writePlainAttributes(el, rule, "href");
      // Sanitized HTML is shown on our pages: a linked site must get neither window.opener nor
      // the referring page.
      html.attribute("rel", "noopener noreferrer");
    } else {
      html.openTag(name);
      for (String attribute : rule.attributes()) {
        if (attribute.equals("cite")) {
          String cite = el.hasAttr("cite") ? urls.citation(el.attr("cite")) : null;
          if (cite != null) {
            html.attribute("cite", cite);
          }
        } else if (el.hasAttr(attribute)) {
          html.attribute(attribute, el.attr(attribute));
        }
      }
    }
    html.endOpenTag();
    return true;
  }

  private void writePlainAttributes(Element el, Rule rule, String urlAttribute) {
    for (String attribute : rule.attributes()) {
      if (!attribute.equals(urlAttribute) && el.hasAttr(attribute)) {
        html.attribute(attribute, el.attr(attribute));
      }
    }
  }

  private void writeFormula(Element el) {
    String formula = MathFormulas.formula(el);
    if (formula.isEmpty()) {
      return;
    }
    boolean display = MathFormulas.isDisplay(el);
    if (display) {
      text.blockBreak();
    }
    text.append(formula);
    if (display) {
      text.blockBreak();
    }
    html.openTag("span");
    html.attribute("class", display ? "math math-display" : "math");
    html.endOpenTag();
    html.text(formula);
    html.closeTag("span");
  }

  private void startLayout(Element el, Layout layout) {
    switch (layout) {
      case BLOCK -> text.blockBreak();
      case LINE -> text.lineBreak();
      case CELL -> text.cellSeparator();
      case BREAK -> text.hardBreak();
      case LIST -> text.startList(false, 1);
      case ORDERED_LIST -> text.startList(true, intAttribute(el, "start", 1));
      case LIST_ITEM -> text.startListItem(
          el.hasAttr("value") ? intAttribute(el, "value", 1) : null);
      case QUOTE -> text.startBlockquote();
      case PRE -> text.startPreformatted();
      case INLINE -> { }
    }
  }

  private void endLayout(Layout layout) {
    switch (layout) {
      case BLOCK -> text.blockBreak();
      case LINE -> text.lineBreak();
      case LIST, ORDERED_LIST -> text.endList();
      case LIST_ITEM -> text.endListItem();
      case QUOTE -> text.endBlockquote();
      case PRE -> text.endPreformatted();
      case CELL, BREAK, INLINE -> { }
    }
  }

  private static int intAttribute(Element el, String name, int fallback) {
    try {
      return Integer.parseInt(el.attr(name).strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}

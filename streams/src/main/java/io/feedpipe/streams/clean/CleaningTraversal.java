package io.feedpipe.streams.clean;

import io.feedpipe.streams.clean.ElementPolicy.Action;
import io.feedpipe.streams.clean.ElementPolicy.Layout;
import io.feedpipe.streams.clean.ElementPolicy.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

  /** Elements whose text is code: kept as written, braces and all (see {@link CssText}). */
  private static final Set<String> CODE_ELEMENTS = Set.of("pre", "code", "samp", "kbd", "tt", "xmp", "listing", "plaintext");

  private final Element root;
  private final UrlPolicy urls;
  private final PlainTextBuilder text;
  private final SafeHtmlWriter html;
  private final Set<String> outboundLinks = new LinkedHashSet<>();
  private final Map<String, String> images = new LinkedHashMap<>();
  private final CleaningBuffers buffers;

  /**
   * The rule of the open element at each depth, so that {@link #tail} does not look it up again
   * (a map lookup per element, a few percent of the walk).
   */
  private Rule[] rulesByDepth = new Rule[32];

  /**
   * {@code root} itself is walked but not written: it is the document body. The results are written
   * into {@code buffers}, so read them ({@link #text()}, {@link #html()}) before the buffers are
   * released.
   */
  CleaningTraversal(Element root, UrlPolicy urls, CleaningBuffers buffers) {
    this.root = root;
    this.urls = urls;
    this.buffers = buffers;
    this.text = new PlainTextBuilder(buffers.text);
    this.html = new SafeHtmlWriter(buffers.html);
  }

  @Override
  public FilterResult head(Node node, int depth) {
    if (node instanceof TextNode textNode) { // CDATA sections included
      // The text pass reads the string in place and classifies every character anyway, so it
      // tells the HTML writer whether anything needs escaping: most text nodes are copied as they
      // are, once into the text and once into the HTML.
      String content = textNode.getWholeText();
      if (content.indexOf('{') >= 0 && !insideCode(textNode)) {
        content = CssText.strip(content); // a stylesheet flattened into text, as if it were <style>
      }
      int seen = text.append(content);
      if ((seen & CharClass.ESCAPE) == 0) {
        html.verbatim(content);
      } else {
        int n = content.length();
        char[] scratch = buffers.scratch(n);
        content.getChars(0, n, scratch, 0);
        html.text(scratch, 0, n);
      }
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
    if (depth >= rulesByDepth.length) {
      rulesByDepth = Arrays.copyOf(rulesByDepth, depth * 2);
    }
    rulesByDepth[depth] = rule;
    if (rule.action() == Action.DROP) {
      if (el.normalName().equals("iframe")) {
        writePlayer(el); // only allow-listed video players; any other frame is dropped
      }
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
      Rule rule = rulesByDepth[depth]; // set by head(): tail() only follows a CONTINUE
      if (rule.action() == Action.KEEP && !rule.isVoid()) {
        html.closeTag(el.normalName());
      }
      endLayout(rule.layout());
    }
    return FilterResult.CONTINUE;
  }

  /**
   * Whether the text is code, which is kept exactly as written (braces, rules and all). Only asked
   * of text with a brace, so the walk up is rare.
   */
  private boolean insideCode(Node node) {
    for (Node p = node.parentNode(); p != null && p != root; p = p.parentNode()) {
      if (p instanceof Element e && CODE_ELEMENTS.contains(e.normalName())) {
        return true;
      }
    }
    return false;
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

  List<CleanedContent.Image> images() {
    List<CleanedContent.Image> list = new ArrayList<>(images.size());
    images.forEach((url, alt) -> list.add(new CleanedContent.Image(url, alt)));
    return list;
  }

  /**
   * Writes the tag and its allowed attributes; false when the element is pointless without them.
   */
  private boolean writeOpenTag(Element el, Rule rule) {
    String name = el.normalName();
    if (name.equals("img")) {
      String src = el.hasAttr("src") ? urls.image(el.attr("src")) : null;
      if (src == null) {
        return false; // an image without a safe source shows nothing
      }
      if (isTrackingPixel(el, src)) {
        return false;
      }
      src = Trackers.stripParameters(src);
      if (UrlPolicy.isAbsoluteHttp(src)) {
        images.putIfAbsent(src, Whitespace.collapse(el.attr("alt")));
      }
      html.openTag(name);
      html.attribute("src", src);
      writePlainAttributes(el, rule, "src");
    } else if (name.equals("a")) {
      html.openTag(name);
      String raw = el.attr("href");
      String href = el.hasAttr("href") ? Trackers.stripParameters(urls.link(raw)) : null;
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

  /**
   * A beacon rather than a picture: declared 1×1 (or 0×0), or served by a known tracker. Such an
   * image shows nothing and reports the reader; it is left out of HTML and of the image list.
   */
  private static boolean isTrackingPixel(Element el, String src) {
    if (el.hasAttr("width") && el.hasAttr("height") && Trackers.isPixelSize(el.attr("width"), el.attr("height"))) {
      return true;
    }
    return UrlPolicy.isAbsoluteHttp(src) && Trackers.isPixelHost(src);
  }

  /** An allow-listed video player, sandboxed; nothing for any other iframe. */
  private void writePlayer(Element el) {
    String src = el.hasAttr("src") ? Embeds.playerSource(el.attr("src")) : null;
    if (src == null) {
      return;
    }
    html.openTag("iframe");
    html.attribute("src", src);
    for (String attribute : new String[] {"width", "height", "title"}) {
      if (el.hasAttr(attribute)) {
        html.attribute(attribute, el.attr(attribute));
      }
    }
    html.attribute("sandbox", Embeds.SANDBOX);
    html.attribute("allow", "fullscreen; picture-in-picture; encrypted-media");
    html.attribute("allowfullscreen", "");
    html.attribute("loading", "lazy");
    html.attribute("referrerpolicy", "strict-origin-when-cross-origin");
    html.endOpenTag();
    html.closeTag("iframe");
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
      case LIST_ITEM ->
          text.startListItem(el.hasAttr("value") ? intAttribute(el, "value", 1) : null);
      case QUOTE -> text.startBlockquote();
      case PRE -> text.startPreformatted();
      case INLINE -> {}
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
      case CELL, BREAK, INLINE -> {}
    }
  }

  private static int intAttribute(Element el, String name, int fallback) {
    String value = el.attr(name).strip();
    if (value.isEmpty()) {
      return fallback; // the common case (an <ol> without start): no exception to throw and catch
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}

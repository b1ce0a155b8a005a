package io.feedpipe.streams.clean;

import java.util.Locale;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/**
 * Recognizes rendered math and reduces it to its formula.
 *
 * <p>Math renderers write a formula several times over: glyph spans or SVG paths for the eye, an
 * assistive MathML copy for screen readers, sometimes the TeX source, plus a large stylesheet. Read
 * as text, that is the formula two or three times among font junk (the seed bug: LessWrong's
 * MathJax CSS in post text). We keep the formula once, inline, in the most faithful form available:
 * TeX annotation, then the {@code aria-label} renderers write for screen readers, then MathML's
 * {@code alttext}, then the MathML's own text.
 *
 * <p>Handled: MathJax 2 CommonHTML as pre-rendered by mathjax-node-page ({@code span.mjpage},
 * {@code span.mjx-chtml}; LessWrong), MathJax 2 in-page output ({@code span.MathJax*} next to
 * {@code <script type="math/tex">}), MathJax 3 ({@code <mjx-container>}, CHTML or SVG), KaTeX
 * ({@code span.katex}), and bare MathML ({@code <math>}).
 */
final class MathFormulas {

  // Parsed once: a query string would be parsed again on every call.
  private static final Evaluator TEX_ANNOTATION =
      QueryParser.parse("annotation[encoding=application/x-tex], annotation[encoding=TeX]");
  private static final Evaluator MATHJAX_LABEL =
      QueryParser.parse(".mjx-math[aria-label], mjx-math[aria-label]");
  private static final Evaluator ANY_LABEL = QueryParser.parse("[aria-label]");
  private static final Evaluator MATHML = QueryParser.parse("math");

  /** What the traversal does with an element, as far as math is concerned. */
  enum Kind {
    /** Not math: handle as any element. */
    NONE,
    /** Math: write its formula in its place and skip its content. */
    FORMULA,
    /** A duplicate of math written elsewhere (assistive copy, preview): skip it. */
    DUPLICATE
  }

  private MathFormulas() {}

  static Kind classify(Element el) {
    String name = el.normalName();
    switch (name) {
      case "math":
      case "mjx-container":
        return Kind.FORMULA;
      case "mjx-assistive-mml":
        return Kind.DUPLICATE;
      case "script":
        return isTexScript(el) ? Kind.FORMULA : Kind.NONE;
      case "span":
      case "div":
        return classifyByClass(el);
      default:
        return Kind.NONE;
    }
  }

  /** Whether the formula is displayed on a line of its own rather than inline. */
  static boolean isDisplay(Element el) {
    if (el.normalName().equals("script")) {
      return el.attr("type").contains("mode=display");
    }
    return el.hasClass("mjpage__block")
        || el.hasClass("MathJax_Display")
        || el.hasClass("katex-display")
        || el.hasClass("MJXc-display")
        || el.attr("display").equals("true")
        || el.attr("display").equals("block");
  }

  /**
   * The formula of an element {@link #classify} found to be {@link Kind#FORMULA}, on one line;
   * empty when there is none.
   */
  static String formula(Element el) {
    return Whitespace.collapse(rawFormula(el));
  }

  private static String rawFormula(Element el) {
    if (el.normalName().equals("script")) {
      StringBuilder tex = new StringBuilder();
      for (Node child : el.childNodes()) {
        if (child instanceof DataNode data) {
          tex.append(data.getWholeData());
        }
      }
      return tex.toString();
    }
    Element annotation = el.selectFirst(TEX_ANNOTATION);
    if (annotation != null && !annotation.wholeText().isBlank()) {
      return annotation.wholeText();
    }
    String label = el.attr("aria-label");
    if (label.isBlank()) {
      Element labelled = el.selectFirst(MATHJAX_LABEL);
      if (labelled == null) {
        labelled = el.selectFirst(ANY_LABEL);
      }
      label = labelled == null ? "" : labelled.attr("aria-label");
    }
    if (!label.isBlank()) {
      return label;
    }
    Element math = el.normalName().equals("math") ? el : el.selectFirst(MATHML);
    if (math != null) {
      if (!math.attr("alttext").isBlank()) {
        return math.attr("alttext");
      }
      return visibleText(math);
    }
    return visibleText(el);
  }

  /**
   * The text of the math's own tokens. Not {@link Element#text()}: inside MathML and SVG a {@code
   * <style>} holds text nodes, and its CSS would come along.
   */
  private static String visibleText(Element root) {
    StringBuilder sb = new StringBuilder();
    NodeTraversor.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode text) {
              sb.append(text.getWholeText());
            } else if (node instanceof Element child && child != root && isHidden(child)) {
              return FilterResult.SKIP_ENTIRELY;
            }
            return FilterResult.CONTINUE;
          }
        },
        root);
    return sb.toString();
  }

  /** Styles, scripts, other annotations, and elements the cleaner drops anyway. */
  private static boolean isHidden(Element el) {
    String name = el.normalName();
    return name.equals("annotation")
        || name.equals("annotation-xml")
        || ElementPolicy.rule(name).action() == ElementPolicy.Action.DROP;
  }

  private static Kind classifyByClass(Element el) {
    String classes = el.className();
    // Cheap screen first: most spans carry no class, or classes unrelated to math.
    if (classes.isEmpty()
        || (classes.indexOf("mj") < 0
            && classes.indexOf("MJ") < 0
            && classes.indexOf("MathJax") < 0
            && classes.indexOf("katex") < 0)) {
      return Kind.NONE;
    }
    if (el.hasClass("MJX_Assistive_MathML") || el.hasClass("MathJax_Preview")) {
      return Kind.DUPLICATE;
    }
    if (el.hasClass("mjpage")
        || el.hasClass("mjx-chtml")
        || el.hasClass("katex")
        || el.hasClass("katex-display")) {
      return Kind.FORMULA;
    }
    if (el.hasClass("MathJax")
        || el.hasClass("MathJax_CHTML")
        || el.hasClass("MathJax_SVG")
        || el.hasClass("MathJax_Display")
        || el.hasClass("MathJax_SVG_Display")) {
      // In-page MathJax 2 keeps the TeX in a following <script type="math/tex">, which is read
      // instead; the rendering is then a duplicate.
      return followedByTexScript(el) ? Kind.DUPLICATE : Kind.FORMULA;
    }
    return Kind.NONE;
  }

  private static boolean followedByTexScript(Element el) {
    Element next = el.nextElementSibling();
    return next != null && next.normalName().equals("script") && isTexScript(next);
  }

  private static boolean isTexScript(Element script) {
    return script.attr("type").toLowerCase(Locale.ROOT).startsWith("math/tex");
  }
}

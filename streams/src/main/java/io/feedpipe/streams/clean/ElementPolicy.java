package io.feedpipe.streams.clean;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the single traversal does with each element: keep the tag (with which attributes), drop the
 * tag but keep its content, or drop the element with everything in it; and how it shapes the plain
 * text.
 *
 * <p>The allow-list follows Jsoup's {@code Safelist.relaxed()} (plus a few harmless text-level
 * tags), so the HTML matches what the project would get from Jsoup's {@code Cleaner}, without its
 * tree copy.
 */
final class ElementPolicy {

  /** How an element shapes the plain text. */
  enum Layout {
    INLINE,
    BLOCK,
    LINE,
    CELL,
    BREAK,
    LIST,
    ORDERED_LIST,
    LIST_ITEM,
    QUOTE,
    PRE
  }

  /** How an element is treated. */
  enum Action {
    /** Write the tag with its allowed attributes, then the content. */
    KEEP,
    /** Leave the tag out, keep the content (unknown or merely presentational tags). */
    UNWRAP,
    /** Leave the element and everything inside it out of both text and HTML. */
    DROP
  }

  /** How one tag is handled. {@code attributes} are the ones kept, if any. */
  record Rule(Action action, Layout layout, List<String> attributes, boolean isVoid) {}

  private static final Rule UNKNOWN = new Rule(Action.UNWRAP, Layout.INLINE, List.of(), false);
  private static final Rule DROPPED = new Rule(Action.DROP, Layout.INLINE, List.of(), false);

  private static final Map<String, Rule> RULES = new HashMap<>(128);

  static {
    // Kept, inline.
    for (String tag :
        List.of(
            "b", "i", "u", "em", "strong", "small", "sub", "sup", "strike", "s", "del", "ins",
            "cite", "code", "kbd", "samp", "var", "mark", "span", "abbr", "q", "a", "img")) {
      keep(tag, Layout.INLINE);
    }
    // Kept, block.
    for (String tag :
        List.of(
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "dl",
            "table",
            "caption",
            "figure",
            "figcaption",
            "hr")) {
      keep(tag, Layout.BLOCK);
    }
    for (String tag : List.of("thead", "tbody", "tfoot", "colgroup", "col")) {
      keep(tag, Layout.INLINE);
    }
    for (String tag : List.of("tr", "dt", "dd")) {
      keep(tag, Layout.LINE);
    }
    keep("td", Layout.CELL);
    keep("th", Layout.CELL);
    keep("br", Layout.BREAK);
    keep("ul", Layout.LIST);
    keep("ol", Layout.ORDERED_LIST);
    keep("li", Layout.LIST_ITEM);
    keep("blockquote", Layout.QUOTE);
    keep("pre", Layout.PRE);

    // Attributes, as in Safelist.relaxed(); rel is added to links by the writer, not copied.
    attributes("a", "href", "title");
    attributes("abbr", "title");
    attributes("blockquote", "cite");
    attributes("q", "cite");
    attributes("col", "span", "width");
    attributes("colgroup", "span", "width");
    attributes("img", "src", "alt", "title", "width", "height", "align");
    attributes("ol", "start", "type");
    attributes("ul", "type");
    attributes("li", "value");
    attributes("table", "summary", "width");
    attributes("td", "abbr", "axis", "colspan", "rowspan", "width");
    attributes("th", "abbr", "axis", "colspan", "rowspan", "scope", "width");

    // Tag dropped, content kept: sectioning and other blocks still separate paragraphs.
    for (String tag :
        List.of(
            "article",
            "section",
            "header",
            "footer",
            "main",
            "nav",
            "aside",
            "address",
            "details",
            "summary",
            "fieldset",
            "legend",
            "center",
            "form",
            "hgroup",
            "dialog",
            "menu",
            "listing",
            "picture")) {
      RULES.put(tag, new Rule(Action.UNWRAP, Layout.BLOCK, List.of(), false));
    }
    RULES.put("dir", new Rule(Action.UNWRAP, Layout.LIST, List.of(), false));
    // Tag dropped, content kept, inline: named here only so titles can tell them from "<y>".
    for (String tag :
        List.of(
            "label", "font", "big", "tt", "bdi", "bdo", "time", "data", "wbr", "nobr", "ruby", "rt",
            "rp", "dfn")) {
      RULES.put(tag, UNKNOWN);
    }

    // Dropped with their content: code, styling, metadata, embedded and interactive content, none
    // of which is readable text. <svg> and <math> reach here only when they are not math we read
    // (see MathFormulas); SVG can carry script and styles. <xmp> and <plaintext> are obsolete
    // raw-text elements seen in the wild mostly as sanitizer-evasion vectors.
    for (String tag :
        List.of(
            "script",
            "style",
            "noscript",
            "template",
            "head",
            "title",
            "meta",
            "link",
            "base",
            "iframe",
            "frame",
            "frameset",
            "noframes",
            "object",
            "embed",
            "applet",
            "param",
            "svg",
            "canvas",
            "audio",
            "video",
            "source",
            "track",
            "map",
            "area",
            "input",
            "select",
            "option",
            "optgroup",
            "datalist",
            "textarea",
            "button",
            "output",
            "noembed",
            "portal",
            "slot",
            "math",
            "xmp",
            "plaintext")) {
      RULES.put(tag, DROPPED);
    }
  }

  private ElementPolicy() {}

  /** The rule for a tag name as Jsoup normalizes it (lower case). */
  static Rule rule(String normalName) {
    return RULES.getOrDefault(normalName, UNKNOWN);
  }

  /** Whether the name is one of the HTML tags this policy knows, kept or not. */
  static boolean isHtmlTag(String normalName) {
    return RULES.containsKey(normalName);
  }

  private static void keep(String tag, Layout layout) {
    boolean isVoid = tag.equals("br") || tag.equals("img") || tag.equals("hr") || tag.equals("col");
    RULES.put(tag, new Rule(Action.KEEP, layout, List.of(), isVoid));
  }

  private static void attributes(String tag, String... names) {
    Rule rule = RULES.get(tag);
    RULES.put(tag, new Rule(rule.action(), rule.layout(), List.of(names), rule.isVoid()));
  }
}

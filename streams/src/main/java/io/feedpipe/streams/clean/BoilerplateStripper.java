package io.feedpipe.streams.clean;

import io.feedpipe.streams.clean.BoilerplateRule.Position;
import io.feedpipe.streams.clean.ElementPolicy.Action;
import io.feedpipe.streams.clean.ElementPolicy.Layout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Removes a feed's boilerplate blocks from the parsed tree before the cleaning traversal, so that
 * text and HTML both lose them and the traversal itself stays rule-free.
 *
 * <p>Only the edges of the tree are looked at: the first or last block, found by descending through
 * leading or trailing block elements. That costs a few node visits per rule, not a walk.
 */
final class BoilerplateStripper {

  private final List<CompiledRule> rules;

  BoilerplateStripper(List<BoilerplateRule> rules) {
    this.rules =
        rules.stream()
            .map(r -> new CompiledRule(r.position(), r.textPattern(), r.hrefPattern()))
            .toList();
  }

  /** Applies every rule once, in order. */
  void strip(Element root) {
    for (CompiledRule rule : rules) {
      apply(rule, root);
    }
  }

  private static void apply(CompiledRule rule, Element root) {
    boolean fromStart = rule.position() == Position.LEADING_BLOCK;
    Element container = root;
    Node edge;
    while (true) {
      edge = edgeChild(container, fromStart);
      if (edge instanceof Element el && isBlock(el) && el.childNodeSize() > 0) {
        container = el;
      } else {
        break;
      }
    }
    if (edge == null) {
      return;
    }
    List<Node> block = blockAt(edge, fromStart);
    if (block.isEmpty() || !matches(rule, block)) {
      return;
    }
    Node outer = fromStart ? block.get(block.size() - 1) : block.get(0);
    removeSeparatorsBeside(outer, fromStart);
    block.forEach(Node::remove);
    removeIfEmpty(container, root);
  }

  private static boolean matches(CompiledRule rule, List<Node> block) {
    if (rule.position() == Position.TRAILING_LINK) {
      List<Node> visible = block.stream().filter(BoilerplateStripper::isVisible).toList();
      if (visible.size() != 1
          || !(visible.get(0) instanceof Element link)
          || !link.normalName().equals("a")) {
        return false;
      }
      if (rule.href() != null && !rule.href().matcher(link.attr("href")).matches()) {
        return false;
      }
    }
    return rule.text().matcher(normalizedText(block)).matches();
  }

  /** The first (or last) child that shows something, skipping whitespace, comments and breaks. */
  private static Node edgeChild(Element container, boolean fromStart) {
    int n = container.childNodeSize();
    for (int i = 0; i < n; i++) {
      Node child = container.childNode(fromStart ? i : n - 1 - i);
      if (isVisible(child) && !isBreak(child)) {
        return child;
      }
    }
    return null;
  }

  /** The run of inline nodes from {@code edge} inward, up to a break or a block, in tree order. */
  private static List<Node> blockAt(Node edge, boolean fromStart) {
    List<Node> run = new ArrayList<>();
    for (Node n = edge; n != null; n = fromStart ? n.nextSibling() : n.previousSibling()) {
      if (isBreak(n) || (n instanceof Element el && isBlock(el))) {
        break;
      }
      run.add(n);
    }
    if (!fromStart) {
      Collections.reverse(run);
    }
    return run;
  }

  /** The {@code <br>}s and whitespace between the removed block and the content it was on. */
  private static void removeSeparatorsBeside(Node outer, boolean fromStart) {
    Node n = fromStart ? outer.nextSibling() : outer.previousSibling();
    while (n != null && (isBreak(n) || !isVisible(n))) {
      Node next = fromStart ? n.nextSibling() : n.previousSibling();
      if (!(n instanceof Element el) || isBreak(el)) {
        n.remove(); // breaks, whitespace, comments; a dropped element (style) is left for later
      }
      n = next;
    }
  }

  private static void removeIfEmpty(Element container, Element root) {
    Element el = container;
    while (el != root && el != null && edgeChild(el, true) == null) {
      Element parent = el.parent();
      el.remove();
      el = parent;
    }
  }

  private static String normalizedText(List<Node> nodes) {
    StringBuilder raw = new StringBuilder();
    for (Node n : nodes) {
      if (n instanceof TextNode text) {
        raw.append(text.getWholeText());
      } else if (n instanceof Element el && isVisible(el)) {
        raw.append(el.text());
      }
    }
    return Whitespace.collapse(raw);
  }

  /** Whether a node shows anything: not whitespace, not a comment, not a dropped element. */
  private static boolean isVisible(Node n) {
    if (n instanceof TextNode text) {
      return !text.isBlank();
    }
    if (n instanceof Element el) {
      return ElementPolicy.rule(el.normalName()).action() != Action.DROP;
    }
    return false; // comments, and the data of script or style
  }

  private static boolean isBreak(Node n) {
    return n instanceof Element el && el.normalName().equals("br");
  }

  private static boolean isBlock(Element el) {
    Layout layout = ElementPolicy.rule(el.normalName()).layout();
    return layout != Layout.INLINE && layout != Layout.BREAK;
  }

  private record CompiledRule(Position position, Pattern text, Pattern href) {}
}

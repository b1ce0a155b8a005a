package io.feedpipe.producer.xml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.UncheckedJDOMFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * The last resort for text that is not well-formed XML even after the repairs: Jsoup's forgiving
 * XML tree builder (an end tag closes the elements left open inside it, the end of the text closes
 * the rest, entities are read as HTML's), converted to the JDOM tree Rome reads, namespaces
 * resolved from the {@code xmlns} attributes. What lenient readers (feedparser's loose parser,
 * Miniflux's non-strict decoder) do with such feeds. Jsoup never loads a DTD, entity or URL. Pure.
 */
public final class LooseXml {
  private LooseXml() {}

  private static final UncheckedJDOMFactory JDOM = new UncheckedJDOMFactory();

  /** @return the tree, or null when the text holds no element */
  public static Document build(String text) {
    org.jsoup.nodes.Document parsed = Jsoup.parse(text, "", Parser.xmlParser());
    org.jsoup.nodes.Element root = parsed.children().isEmpty() ? null : parsed.child(0);
    if (root == null) {
      return null;
    }
    Document doc = JDOM.document(null);
    Deque<Map<String, String>> scopes = new ArrayDeque<>();
    scopes.push(Map.of("xml", Namespace.XML_NAMESPACE.getURI()));
    JDOM.setRoot(doc, convert(root, scopes));
    return doc;
  }

  private static Element convert(org.jsoup.nodes.Element source, Deque<Map<String, String>> scopes) {
    Map<String, String> scope = null;
    for (Attribute a : source.attributes()) {
      String key = a.getKey();
      if (key.equals("xmlns") || key.startsWith("xmlns:")) {
        if (scope == null) {
          scope = new HashMap<>();
        }
        scope.put(key.equals("xmlns") ? "" : key.substring(6), a.getValue());
      }
    }
    if (scope != null) {
      scopes.push(scope);
    }
    Element e = JDOM.element(local(source.tagName()), namespace(prefix(source.tagName()), scopes));
    if (scope != null) {
      scope.forEach((prefix, uri) -> {
        if (!uri.isEmpty()) {
          JDOM.addNamespaceDeclaration(e, Namespace.getNamespace(prefix, uri));
        }
      });
    }
    for (Attribute a : source.attributes()) {
      String key = a.getKey();
      if (key.equals("xmlns") || key.startsWith("xmlns:")) {
        continue;
      }
      String prefix = prefix(key);
      Namespace ns = prefix.isEmpty() ? Namespace.NO_NAMESPACE : namespace(prefix, scopes);
      JDOM.setAttribute(e, JDOM.attribute(local(key), a.getValue(), ns));
    }
    for (Node child : source.childNodes()) {
      if (child instanceof org.jsoup.nodes.Element element) {
        JDOM.addContent(e, convert(element, scopes));
      } else if (child instanceof TextNode text) { // CDATA included
        JDOM.addContent(e, JDOM.text(text.getWholeText()));
      }
    }
    if (scope != null) {
      scopes.pop();
    }
    return e;
  }

  private static String prefix(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? "" : name.substring(0, colon);
  }

  private static String local(String name) {
    return name.substring(name.indexOf(':') + 1);
  }

  /** The namespace a prefix ("" for the default) is bound to in scope; none when unbound. */
  private static Namespace namespace(String prefix, Deque<Map<String, String>> scopes) {
    for (Map<String, String> scope : scopes) {
      String uri = scope.get(prefix);
      if (uri != null) {
        return uri.isEmpty() ? Namespace.NO_NAMESPACE : Namespace.getNamespace(prefix, uri);
      }
    }
    return Namespace.NO_NAMESPACE;
  }
}

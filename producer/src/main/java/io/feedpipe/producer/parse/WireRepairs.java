package io.feedpipe.producer.parse;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jdom2.Attribute;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Reshapes a well-formed document Rome would refuse, or would refuse for one optional element, into
 * one it reads; each change is noted for the feed's status. Works on the JDOM tree before Rome sees
 * it, so Rome's model stays as it is:
 *
 * <ul>
 *   <li>an Atom {@code <feed>} without the Atom namespace (or in an old draft's namespace) is read
 *       as Atom 1.0, or Atom 0.3 when it says {@code version="0.3"} (feedparser does the same);
 *   <li>RSS 1.1 ({@code <Channel xmlns="http://purl.org/net/rss1.1#">}) is recast as the RSS 1.0
 *       it derives from: same elements, items beside the channel;
 *   <li>an {@code <rss>} whose elements sit in a namespace (Userland's RSS 2.0 namespace) loses it;
 *   <li>RSS {@code skipHours}/{@code skipDays} entries that are no hour (0–24) or day, and a
 *       {@code cloud} with a non-numeric port, are dropped: each would make Rome refuse the whole
 *       feed over an optional polling hint.
 * </ul>
 */
final class WireRepairs {
  private WireRepairs() {}

  static final Namespace ATOM_10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");
  static final Namespace ATOM_03 = Namespace.getNamespace("http://purl.org/atom/ns#");
  static final Namespace RSS_10 = Namespace.getNamespace("http://purl.org/rss/1.0/");
  static final String RSS_11 = "http://purl.org/net/rss1.1#";
  static final Namespace RDF = Namespace.getNamespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
  private static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

  static void apply(Document doc, List<String> notes) {
    Element root = doc.getRootElement();
    String name = root.getName();
    String uri = root.getNamespaceURI();
    if (name.equals("feed") && !uri.equals(ATOM_10.getURI()) && !uri.equals(ATOM_03.getURI())) {
      boolean old = "0.3".equals(root.getAttributeValue("version"));
      Namespace atom = old ? ATOM_03 : ATOM_10;
      moveNamespace(root, uri, atom);
      notes.add("<feed> " + (uri.isEmpty() ? "without a namespace" : "in namespace " + uri) + " read as Atom " + (old ? "0.3" : "1.0"));
    } else if (name.equals("Channel") && uri.equals(RSS_11)) {
      doc.setRootElement(rss11To10(root));
      notes.add("RSS 1.1 read as RSS 1.0");
    } else if (name.equals("rss") && !uri.isEmpty()) {
      moveNamespace(root, uri, Namespace.NO_NAMESPACE);
      notes.add("<rss> in namespace " + uri + " read as plain RSS");
    }
    root = doc.getRootElement();
    if (root.getName().equals("rss") && root.getNamespace() == Namespace.NO_NAMESPACE) {
      String version = root.getAttributeValue("version");
      if (version == null || !ROME_RSS_VERSIONS.contains(version.strip())) {
        root.setAttribute("version", "2.0");
        notes.add("RSS version " + (version == null ? "missing" : "\"" + version + "\" unknown") + ": read as RSS 2.0");
      }
      Element channel = root.getChild("channel");
      if (channel == null) {
        channel = new Element("channel");
        root.addContent(channel);
        notes.add("no <channel>: read as an empty feed");
      }
      dropBadPollingHints(channel, notes);
    } else if (root.getName().equals("RDF") && root.getNamespaceURI().equals(RDF.getURI())) {
      Namespace rss = root.getNamespace("");
      if (rss != null && (rss.getURI().equals(RSS_10.getURI()) || rss.getURI().equals(RSS_090))
          && root.getChild("channel", rss) == null) {
        root.addContent(new Element("channel", rss));
        notes.add("no <channel>: read as an empty feed");
      }
    } else if (root.getNamespace().equals(ATOM_03)) {
      decodeBase64Content(root, notes);
    }
  }

  private static final java.util.Set<String> ROME_RSS_VERSIONS = java.util.Set.of("0.91", "0.92", "0.93", "0.94", "2.0");
  private static final String RSS_090 = "http://my.netscape.com/rdf/simple/0.9/";

  /**
   * Atom 0.3's {@code mode="base64"} content, decoded here: Rome's own decoder fails on the line
   * breaks and indentation base64 text usually carries. The decoded text stays as {@code
   * mode="escaped"} (text that is HTML), which Rome reads as it is.
   */
  private static void decodeBase64Content(Element e, List<String> notes) {
    for (Element child : e.getChildren()) {
      if ("base64".equals(child.getAttributeValue("mode"))) {
        try {
          byte[] decoded = java.util.Base64.getMimeDecoder().decode(child.getText().strip());
          child.setText(new String(decoded, java.nio.charset.StandardCharsets.UTF_8));
          child.setAttribute("mode", "escaped");
          notes.add("Atom 0.3 base64 content of <" + child.getName() + "> decoded");
        } catch (IllegalArgumentException notBase64) {
          child.removeContent();
          notes.add("Atom 0.3 <" + child.getName() + "> dropped: mode=\"base64\" but not base64");
        }
      } else {
        decodeBase64Content(child, notes);
      }
    }
  }

  /** Moves every element (not attribute) in namespace {@code from} into {@code to}. */
  private static void moveNamespace(Element e, String from, Namespace to) {
    if (e.getNamespaceURI().equals(from)) {
      for (Namespace declared : new ArrayList<>(e.getAdditionalNamespaces())) {
        if (declared.getPrefix().equals(to.getPrefix())) {
          e.removeNamespaceDeclaration(declared);
        }
      }
      e.setNamespace(to);
    }
    for (Element child : e.getChildren()) {
      moveNamespace(child, from, to);
    }
  }

  /**
   * RSS 1.1 differs from RSS 1.0 in its namespace, a capitalised root that is the channel itself,
   * and items listed inside it ({@code <items rdf:parseType="Collection">}). Rome reads RSS 1.0:
   * an {@code rdf:RDF} root with the channel, image and items as children.
   */
  private static Element rss11To10(Element channel) {
    moveNamespace(channel, RSS_11, RSS_10);
    Element rdf = new Element("RDF", RDF);
    rdf.addNamespaceDeclaration(RSS_10);
    for (Namespace ns : new ArrayList<>(channel.getAdditionalNamespaces())) {
      if (!ns.getURI().equals(RSS_11) && !ns.getPrefix().isEmpty() && rdf.getNamespace(ns.getPrefix()) == null) {
        rdf.addNamespaceDeclaration(ns);
      }
    }
    channel.detach();
    channel.setName("channel");
    rdf.addContent(channel);
    Element items = channel.getChild("items", RSS_10);
    if (items != null) {
      items.detach();
      Element seq = new Element("Seq", RDF);
      for (Element item : new ArrayList<>(items.getChildren("item", RSS_10))) {
        item.detach();
        rdf.addContent(item);
        String about = item.getAttributeValue("about", RDF);
        if (about != null) {
          seq.addContent(new Element("li", RDF).setAttribute("resource", about, RDF));
        }
      }
      channel.addContent(new Element("items", RSS_10).addContent(seq));
    }
    Element image = channel.getChild("image", RSS_10);
    if (image != null) {
      rdf.addContent(image.detach());
    }
    return rdf;
  }

  private static void dropBadPollingHints(Element channel, List<String> notes) {
    Element skipHours = channel.getChild("skipHours");
    if (skipHours != null) {
      List<String> dropped = new ArrayList<>();
      for (Iterator<Element> it = skipHours.getChildren().iterator(); it.hasNext(); ) {
        Element hour = it.next();
        String text = hour.getTextTrim();
        Integer value = parseHour(text);
        if (value == null) {
          dropped.add(text);
          it.remove();
        } else if (!text.equals(value.toString())) {
          hour.setText(value.toString());
        }
      }
      if (!dropped.isEmpty()) {
        notes.add("skipHours: " + dropped.size() + " entr" + (dropped.size() == 1 ? "y" : "ies") + " that are no hour 0–24 dropped "
            + abbreviate(dropped));
      }
    }
    Element skipDays = channel.getChild("skipDays");
    if (skipDays != null) {
      List<String> dropped = new ArrayList<>();
      for (Iterator<Element> it = skipDays.getChildren().iterator(); it.hasNext(); ) {
        Element day = it.next();
        String text = day.getTextTrim();
        String known = DAYS.stream().filter(d -> d.equalsIgnoreCase(text)).findFirst().orElse(null);
        if (known == null || !day.getName().equals("day")) {
          dropped.add(text);
          it.remove();
        } else if (!known.equals(day.getText())) {
          day.setText(known);
        }
      }
      if (!dropped.isEmpty()) {
        notes.add("skipDays: " + dropped.size() + " entr" + (dropped.size() == 1 ? "y" : "ies") + " that are no day name dropped "
            + abbreviate(dropped));
      }
    }
    Element cloud = channel.getChild("cloud");
    if (cloud != null) {
      Attribute port = cloud.getAttribute("port");
      if (port != null && !port.getValue().strip().matches("[0-9]{1,5}")) {
        cloud.detach();
        notes.add("cloud with port " + abbreviate(List.of(port.getValue())) + " dropped");
      }
    }
  }

  /** 0–23; 24 as 0 (RSS 0.91 counted 1–24); null when not a whole hour. */
  private static Integer parseHour(String text) {
    if (!text.matches("[0-9]{1,2}")) {
      return null;
    }
    int hour = Integer.parseInt(text);
    return hour > 24 ? null : hour % 24;
  }

  private static String abbreviate(List<String> values) {
    String s = values.toString();
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}

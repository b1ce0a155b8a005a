package io.feedpipe.producer.parse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * Repairs the commonest real-world breakage of feed XML in one pass over the decoded text, before
 * (and much cheaper than) Rome's XML healer: junk or whitespace before the XML declaration, HTML
 * named entities XML does not know ({@code &nbsp;} → {@code &#160;}), bare ampersands, and
 * characters XML 1.0 forbids. Well-known namespace prefixes used without a declaration ({@code
 * content:}, {@code itunes:}, {@code dc:}, {@code media:}, {@code atom:}…) are declared on the root
 * element. CDATA sections and comments are left as they are, and so is the prolog (declaration,
 * DOCTYPE with any internal subset): what a DOCTYPE may do is decided by {@code XmlDocuments}. Pure.
 */
final class LenientPrepass {
  private LenientPrepass() {}

  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)");

  /**
   * @param text the whole document; changes are listed in {@code repairs}
   * @param repairs receives one line per kind of repair made
   * @return the repaired document
   */
  static String repair(String text, List<String> repairs) {
    String t = text;
    int start = 0;
    while (start < t.length() && (Character.isWhitespace(t.charAt(start)) || t.charAt(start) == '\uFEFF')) {
      start++;
    }
    int firstTag = t.indexOf('<', start);
    if (firstTag > 0) {
      repairs.add(firstTag == start && start > 0 ? "whitespace before the XML declaration removed" : "text before the first tag removed");
      t = t.substring(firstTag);
    }
    StringBuilder out = new StringBuilder(t.length() + 64);
    int entities = 0;
    int ampersands = 0;
    int upperHex = 0;
    int controls = 0;
    int i = prologEnd(t);
    out.append(t, 0, i);
    int n = t.length();
    while (i < n) {
      char c = t.charAt(i);
      if (c == '<' && t.startsWith("<![CDATA[", i)) {
        int end = t.indexOf("]]>", i);
        int stop = end < 0 ? n : end + 3;
        controls += appendClean(out, t, i, stop);
        i = stop;
      } else if (c == '<' && t.startsWith("<!--", i)) {
        int end = t.indexOf("-->", i + 4);
        int stop = end < 0 ? n : end + 3;
        controls += appendClean(out, t, i, stop);
        i = stop;
      } else if (c == '&') {
        Matcher m = ENTITY.matcher(t).region(i, Math.min(n, i + 40));
        if (m.lookingAt()) {
          String ref = m.group(1);
          String name = ref.substring(0, ref.length() - 1);
          if (ref.startsWith("#")) {
            int cp = codePoint(name);
            if (cp < 0 || cp < 0x110000 && isForbidden(cp)) {
              controls++; // a reference to a character XML does not allow
            } else if (ref.startsWith("#X")) {
              out.append("&#x").append(ref, 2, ref.length());
              upperHex++;
            } else {
              out.append('&').append(ref);
            }
          } else if (isXmlEntity(name)) {
            out.append('&').append(ref);
          } else if (Entities.isNamedEntity(name)) {
            Entities.getByName(name).codePoints().forEach(cp -> out.append("&#").append(cp).append(';'));
            entities++;
          } else {
            out.append("&amp;").append(ref);
            ampersands++;
          }
          i = m.end();
        } else {
          out.append("&amp;");
          ampersands++;
          i++;
        }
      } else {
        if (isForbidden(c)) {
          controls++;
        } else {
          out.append(c);
        }
        i++;
      }
    }
    if (entities > 0) {
      repairs.add(entities + " HTML named entit" + (entities == 1 ? "y" : "ies") + " turned into character references");
    }
    if (upperHex > 0) {
      repairs.add(upperHex + " character reference(s) &#X…; written &#x…;");
    }
    if (ampersands > 0) {
      repairs.add(ampersands + " bare or unknown '&' escaped");
    }
    if (controls > 0) {
      repairs.add(controls + " character(s) not allowed in XML removed");
    }
    Matcher cut = UNTERMINATED_END_TAG.matcher(out);
    if (cut.find()) {
      out.setLength(cut.end(1));
      out.append('>');
      repairs.add("unterminated last end tag closed");
    }
    return declareKnownPrefixes(out.toString(), repairs);
  }

  /** A document cut off inside its last end tag ({@code </rss} at the very end). */
  private static final Pattern UNTERMINATED_END_TAG = Pattern.compile("(</[A-Za-z_][A-Za-z0-9_.:-]*)\\s*\\z");

  /** Namespaces feeds use without declaring them (e.g. {@code content:encoded} with no {@code xmlns:content}). */
  private static final Map<String, String> WELL_KNOWN = Map.ofEntries(
      Map.entry("content", "http://purl.org/rss/1.0/modules/content/"),
      Map.entry("itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"),
      Map.entry("dc", "http://purl.org/dc/elements/1.1/"),
      Map.entry("dcterms", "http://purl.org/dc/terms/"),
      Map.entry("media", "http://search.yahoo.com/mrss/"),
      Map.entry("atom", "http://www.w3.org/2005/Atom"),
      Map.entry("wfw", "http://wellformedweb.org/CommentAPI/"),
      Map.entry("slash", "http://purl.org/rss/1.0/modules/slash/"),
      Map.entry("sy", "http://purl.org/rss/1.0/modules/syndication/"),
      Map.entry("thr", "http://purl.org/syndication/thread/1.0"),
      Map.entry("georss", "http://www.georss.org/georss"),
      Map.entry("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#"),
      Map.entry("gml", "http://www.opengis.net/gml"),
      Map.entry("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
      Map.entry("feedburner", "http://rssnamespace.org/feedburner/ext/1.0"),
      Map.entry("googleplay", "http://www.google.com/schemas/play-podcasts/1.0"),
      Map.entry("podcast", "https://podcastindex.org/namespace/1.0"));
  private static final Pattern PREFIXED_NAME = Pattern.compile("(?:</?|\\s)([A-Za-z_][A-Za-z0-9_.-]*):[A-Za-z_]");
  private static final Pattern DECLARED = Pattern.compile("xmlns:([A-Za-z_][A-Za-z0-9_.-]*)\\s*=");
  private static final Pattern ROOT = Pattern.compile("<([A-Za-z_][A-Za-z0-9_.:-]*)");

  /**
   * Declares, on the root element, the well-known prefixes ({@link #WELL_KNOWN}) the document uses
   * on elements or attributes without declaring them there; unknown prefixes are left (and fail).
   */
  static String declareKnownPrefixes(String t, List<String> repairs) {
    Set<String> used = new TreeSet<>();
    Matcher m = PREFIXED_NAME.matcher(t);
    while (m.find()) {
      if (WELL_KNOWN.containsKey(m.group(1))) {
        used.add(m.group(1));
      }
    }
    if (used.isEmpty()) {
      return t;
    }
    // The root element: the first start tag (not <?…?>, <!--…--> or <!…>).
    int i = 0;
    Matcher root = ROOT.matcher(t);
    while (true) {
      int lt = t.indexOf('<', i);
      if (lt < 0) {
        return t;
      }
      if (t.startsWith("<!--", lt)) {
        int end = t.indexOf("-->", lt);
        if (end < 0) {
          return t;
        }
        i = end + 3;
      } else if (t.startsWith("<?", lt) || t.startsWith("<!", lt)) {
        int end = t.indexOf('>', lt);
        if (end < 0) {
          return t;
        }
        i = end + 1;
      } else if (root.region(lt, t.length()).lookingAt()) {
        break;
      } else {
        return t;
      }
    }
    // Declarations on the root are in scope everywhere; one on an inner element may not be where
    // the prefix is used, and declaring it again on the root is harmless.
    int rootEnd = t.indexOf('>', root.end());
    Matcher d = DECLARED.matcher(t).region(root.end(), rootEnd < 0 ? t.length() : rootEnd);
    while (d.find()) {
      used.remove(d.group(1));
    }
    if (used.isEmpty()) {
      return t;
    }
    StringBuilder declarations = new StringBuilder();
    for (String prefix : used) {
      declarations.append(" xmlns:").append(prefix).append("=\"").append(WELL_KNOWN.get(prefix)).append('"');
    }
    repairs.add("undeclared namespace prefix(es) " + used + " declared with their well-known URIs");
    return t.substring(0, root.end()) + declarations + t.substring(root.end());
  }

  /**
   * Where the root element starts: after the XML declaration, comments, processing instructions and
   * a DOCTYPE (its internal subset included); 0 when the prolog cannot be read.
   */
  static int prologEnd(String t) {
    int i = 0;
    int n = t.length();
    while (i < n) {
      char c = t.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (t.startsWith("<?", i)) {
        int end = t.indexOf("?>", i);
        if (end < 0) {
          return 0;
        }
        i = end + 2;
      } else if (t.startsWith("<!--", i)) {
        int end = t.indexOf("-->", i + 4);
        if (end < 0) {
          return 0;
        }
        i = end + 3;
      } else if (t.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
        // ends at the first '>' outside quotes and outside the internal subset's brackets
        char quote = 0;
        int depth = 0;
        int j = i + 9;
        for (; j < n; j++) {
          char d = t.charAt(j);
          if (quote != 0) {
            if (d == quote) {
              quote = 0;
            }
          } else if (d == '"' || d == '\'') {
            quote = d;
          } else if (d == '[') {
            depth++;
          } else if (d == ']') {
            depth--;
          } else if (d == '>' && depth <= 0) {
            break;
          }
        }
        if (j >= n) {
          return 0;
        }
        i = j + 1;
      } else {
        return i;
      }
    }
    return 0;
  }

  private static int appendClean(StringBuilder out, String t, int from, int to) {
    int removed = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (isForbidden(c)) {
        removed++;
      } else {
        out.append(c);
      }
    }
    return removed;
  }

  /** XML 1.0 §2.2: C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF, are not characters. */
  private static boolean isForbidden(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF';
  }

  /** The code point of {@code #123} or {@code #x7B}; -1 when out of Unicode's range. */
  private static int codePoint(String numeric) {
    boolean hex = numeric.length() > 1 && (numeric.charAt(1) == 'x' || numeric.charAt(1) == 'X');
    long value = Long.parseLong(numeric.substring(hex ? 2 : 1), hex ? 16 : 10);
    return value > 0x10FFFF ? -1 : (int) value;
  }

  private static boolean isForbidden(int cp) {
    return cp < 0x10000 ? isForbidden((char) cp) || cp >= 0xD800 && cp <= 0xDFFF : false;
  }

  private static boolean isXmlEntity(String name) {
    return switch (name) {
      case "amp", "lt", "gt", "quot", "apos" -> true;
      default -> false;
    };
  }
}

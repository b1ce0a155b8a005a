package io.feedpipe.producer.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;
import io.feedpipe.producer.text.SourceChars;
import io.feedpipe.producer.text.Utf8Source;
import java.io.Reader;
import java.io.StringReader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLStreamReader2;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.UncheckedJDOMFactory;
import org.jsoup.nodes.Entities;

/**
 * Builds a JDOM document (what Rome reads) from decoded XML text with a StAX parser (Woodstox),
 * in one pass and without JDOM's per-node verification.
 *
 * <p>Security: DTD processing is off. A DOCTYPE is accepted and ignored: no external DTD, entity
 * or URL is ever loaded (DTD support and external entities are off, the general resolver throws,
 * and the one resolver that answers, for entities the parser does not know, is feedpipe's and
 * returns text, never a stream from elsewhere). Those entities are resolved here, in text and
 * attribute values alike: HTML named entities as browsers resolve them (the HTML5 table Jsoup carries, so RSS 0.91's
 * Netscape DTD entities such as {@code &nbsp;} read as intended); entities the internal subset
 * declares with plain text as their value (no reference, no markup, no SYSTEM/PUBLIC: what
 * feedparser keeps), at most {@value #MAX_DECLARED_ENTITIES} of them, each at most
 * {@value #MAX_ENTITY_LENGTH} characters. A reference to an entity the internal subset declares
 * otherwise (an external entity: XXE; one made of other entities: an expansion bomb) refuses the
 * document ({@link Refused}), unexpanded and unloaded; a reference to a name nobody declares is
 * left out with a note. So nothing expands beyond that bound and nothing outside the text is read.
 *
 * <p>Comments and processing instructions are dropped (Rome reads neither); CDATA becomes text.
 * Thread-safe: the factory is configured once and each call uses its own reader.
 */
public final class XmlDocuments {
  private XmlDocuments() {}

  static final int MAX_DECLARED_ENTITIES = 64;
  static final int MAX_ENTITY_LENGTH = 1024;

  private static final XMLInputFactory FACTORY = factory();
  private static final UncheckedJDOMFactory JDOM = new UncheckedJDOMFactory();
  private static final Pattern ENTITY_DECLARATION =
      Pattern.compile("<!ENTITY\\s+([A-Za-z_:][\\w.:-]*)\\s+(?:\"([^\"]*)\"|'([^']*)'|((?:SYSTEM|PUBLIC)[^>]*))\\s*>");

  private static final Pattern ANY_ENTITY_DECLARATION = Pattern.compile("<!ENTITY\\s+(?:%\\s+)?([A-Za-z_:][\\w.:-]*)");

  private static XMLInputFactory factory() {
    XMLInputFactory f = new WstxInputFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // Unknown entity references come to us as events, resolved (or left out) below.
    // Entities the parser does not know (without a DTD: all but XML's five) are resolved by
    // resolve(), in text and attribute values alike.
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_VALIDATING, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLInputFactory.RESOLVER, (XMLResolver) (publicId, systemId, base, ns) -> {
      throw new XMLStreamException("external resource " + systemId + " not loaded");
    });
    f.setProperty(WstxInputProperties.P_UNDECLARED_ENTITY_RESOLVER, (XMLResolver) (publicId, systemId, base, name) -> resolve(name));
    f.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, null);
    f.setProperty(WstxInputProperties.P_DTD_RESOLVER, null);
    f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 10_000L);
    f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 2);
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 1000);
    return f;
  }

  /**
   * @param xml the decoded document
   * @param notes receives a line for each kind of entity left out
   * @throws XMLStreamException when the text is not well-formed XML (the message says where)
   */
  public static Document build(String xml, List<String> notes) throws XMLStreamException, Refused {
    return build(new StringReader(xml), notes);
  }

  /** As {@link #build(String, List)}, from a reader (e.g. one that repairs as it reads). */
  public static Document build(Reader xml, List<String> notes) throws XMLStreamException, Refused {
    return build(xml, null, 0, notes);
  }

  /**
   * As {@link #build(String, List)}, from a decoded document. When it was read as UTF-8, a long
   * text that is exactly one CDATA section carries the document's bytes of it ({@link
   * SourceChars#adoptVerbatim}).
   */
  public static Document build(XmlCharsets.Decoded decoded, List<String> notes) throws XMLStreamException, Refused {
    return build(decoded.reader(), decoded.utf8(), decoded.readerStart(), notes);
  }

  private static Document build(Reader xml, Utf8Source utf8, int readerStart, List<String> notes) throws XMLStreamException, Refused {
    SourceChars.release(); // the previous document's texts are mapped and sent by now
    Context context = new Context();
    CONTEXT.set(context);
    XMLStreamReader2 r = (XMLStreamReader2) FACTORY.createXMLStreamReader(xml);
    try {
      Document doc = JDOM.document(null);
      Element current = null;
      TextGatherer text = new TextGatherer(utf8, readerStart);
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            flush(current, text);
            Element e = JDOM.element(r.getLocalName(), namespace(r.getPrefix(), r.getNamespaceURI()));
            for (int i = 0, n = r.getNamespaceCount(); i < n; i++) {
              JDOM.addNamespaceDeclaration(e, namespace(r.getNamespacePrefix(i), r.getNamespaceURI(i)));
            }
            for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
              JDOM.setAttribute(e, JDOM.attribute(r.getAttributeLocalName(i), r.getAttributeValue(i),
                  namespace(r.getAttributePrefix(i), r.getAttributeNamespace(i))));
            }
            if (current == null) {
              JDOM.setRoot(doc, e);
            } else {
              JDOM.addContent(current, e);
            }
            current = e;
          }
          case XMLStreamConstants.END_ELEMENT -> {
            flush(current, text);
            current = current.getParentElement();
          }
          case XMLStreamConstants.CDATA -> {
            if (current != null) {
              text.appendCdata(r.getTextCharacters(), r.getTextStart(), r.getTextLength(), r.getLocationInfo().getStartingCharOffset());
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
            if (current != null) {
              text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
            }
          }
          case XMLStreamConstants.DTD -> context.subset = declaredEntities(r.getText());
          default -> {
            // comments, processing instructions, document start/end: nothing Rome reads
          }
        }
      }
      if (context.leftOutCount > 0) {
        notes.add(context.leftOutCount + " reference(s) to entities that are neither XML's, HTML's nor declared as plain text left out "
            + context.leftOut + (context.leftOutCount > context.leftOut.size() ? "…" : "") + "; external entities are never loaded");
      }
      if (doc.hasRootElement()) {
        return doc;
      }
      throw new XMLStreamException("no root element");
    } catch (WstxLazyException e) {
      // Woodstox reports some errors (bad character references) only when the text is read.
      XMLStreamException cause = e.getCause() instanceof XMLStreamException x ? x : new XMLStreamException(e.getMessage(), e);
      throw refusal(cause);
    } catch (XMLStreamException e) {
      throw refusal(e);
    } finally {
      CONTEXT.remove();
      r.close();
    }
  }

  /** A refusal raised inside the parser comes out as {@link Refused}; any other error as it is. */
  private static XMLStreamException refusal(XMLStreamException e) throws Refused {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RefusedEntity refused) {
        throw new Refused(refused.getMessage());
      }
    }
    return e;
  }

  /** What the resolver of one parse knows and records; parses on one thread are sequential. */
  private static final class Context {
    Subset subset = Subset.NONE;
    final Set<String> leftOut = new TreeSet<>();
    int leftOutCount;
  }

  private static final ThreadLocal<Context> CONTEXT = new ThreadLocal<>();

  private static final class RefusedEntity extends XMLStreamException {
    RefusedEntity(String message) {
      super(message);
    }
  }

  /**
   * An entity the parser does not know: a plain-text one the internal subset declares, else an HTML
   * named entity, else nothing (recorded); one declared as external or nested refuses the document.
   * The replacement is parsed as XML, so '&' and '<' in it are given as character references.
   */
  private static Reader resolve(String name) throws XMLStreamException {
    Context context = CONTEXT.get();
    if (context == null) {
      throw new XMLStreamException("entity &" + name + "; not resolved");
    }
    String value = context.subset.safe.get(name);
    if (value == null && context.subset.unsafe.contains(name)) {
      throw new RefusedEntity("entity &" + name + "; declared in the DOCTYPE as an external or nested entity (XXE or an entity"
          + " expansion bomb): refused, nothing expanded or loaded");
    }
    if (value == null) {
      value = Entities.getByName(name);
    }
    if (value == null || value.isEmpty()) {
      context.leftOutCount++;
      if (context.leftOut.size() < 5) {
        context.leftOut.add("&" + name + ";");
      }
      return new StringReader("");
    }
    return new StringReader(value.replace("&", "&#38;").replace("<", "&#60;"));
  }

  /** The document is refused by policy (an external or nested entity is referenced); the message says why. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /** Entities an internal DTD subset declares: safe ones with their text, unsafe ones by name. */
  record Subset(Map<String, String> safe, Set<String> unsafe) {
    static final Subset NONE = new Subset(Map.of(), Set.of());
  }

  /** The internal subset's plain-text entity declarations, bounded; every other declared name is unsafe. */
  static Subset declaredEntities(String doctype) {
    if (doctype == null || doctype.indexOf('[') < 0 && !doctype.contains("<!ENTITY")) {
      return Subset.NONE;
    }
    Map<String, String> safe = new HashMap<>();
    Set<String> unsafe = new HashSet<>();
    Matcher m = ENTITY_DECLARATION.matcher(doctype);
    while (m.find()) {
      String value = m.group(2) != null ? m.group(2) : m.group(3);
      if (value != null && value.indexOf('&') < 0 && value.indexOf('%') < 0 && value.indexOf('<') < 0
          && value.length() <= MAX_ENTITY_LENGTH && safe.size() < MAX_DECLARED_ENTITIES && !unsafe.contains(m.group(1))) {
        safe.putIfAbsent(m.group(1), value);
      } else {
        unsafe.add(m.group(1));
      }
    }
    // A declaration the pattern does not read (odd quoting, parameter entities) is unsafe too.
    Matcher any = ANY_ENTITY_DECLARATION.matcher(doctype);
    while (any.find()) {
      if (!safe.containsKey(any.group(1))) {
        unsafe.add(any.group(1));
      }
    }
    return new Subset(safe, unsafe);
  }

  private static Namespace namespace(String prefix, String uri) {
    if (uri == null || uri.isEmpty()) {
      return Namespace.NO_NAMESPACE;
    }
    return Namespace.getNamespace(prefix == null ? "" : prefix, uri);
  }

  private static void flush(Element current, TextGatherer text) {
    if (current != null && !text.isEmpty()) {
      JDOM.addContent(current, JDOM.text(text.toText()));
    }
    text.clear();
  }

  /**
   * The characters of the text events between two tags, gathered by array copies and made into
   * one string at the end. A StringBuilder checks every character it is given for Latin-1 (and
   * copies the whole again for the string); in a one-shot run (C1 only) that was a visible share of
   * the parse.
   */
  private static final class TextGatherer {
    private static final String CDATA_START = "<![CDATA[";
    private static final String CDATA_END = "]]>";

    private final Utf8Source utf8;
    private final int readerStart;
    private char[] chars = new char[1024];
    private int length;

    /**
     * Where the gathered text starts among {@link #utf8}'s characters while it is one CDATA
     * section's content read in order (the parser hands a long section over in several pieces),
     * else -1.
     */
    private int sectionStart = -1;

    /** @param utf8 the bytes behind the reader's characters, or null */
    TextGatherer(Utf8Source utf8, int readerStart) {
      this.utf8 = utf8;
      this.readerStart = readerStart;
    }

    void append(char[] source, int start, int count) {
      sectionStart = -1;
      copy(source, start, count);
    }

    /**
     * A piece of a CDATA section, which starts {@code offset} characters into the reader: the
     * section's opening {@code <![CDATA[} for its first piece, the piece itself for the next ones
     * (checked, not assumed: a piece that does not follow on ends the span).
     */
    void appendCdata(char[] source, int start, int count, long offset) {
      if (utf8 != null) {
        long at = readerStart + offset;
        if (length == 0) {
          sectionStart = at < Integer.MAX_VALUE && utf8.regionMatches((int) at, CDATA_START) ? (int) at + CDATA_START.length() : -1;
        } else if (sectionStart >= 0 && at != sectionStart + length) {
          sectionStart = -1;
        }
      }
      copy(source, start, count);
    }

    private void copy(char[] source, int start, int count) {
      if (length + count > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + count));
      }
      System.arraycopy(source, start, chars, length, count);
      length += count;
    }

    boolean isEmpty() {
      return length == 0;
    }

    /**
     * The gathered text. A long one is made from a copy of exactly its chars, which {@link
     * SourceChars} keeps for the later stages (an array copy costs a fraction of a copy out of the
     * string), or, when it is one CDATA section of a UTF-8 document, kept with the document's bytes
     * of it instead ({@link SourceChars#adoptVerbatim}).
     */
    String toText() {
      if (!SourceChars.keeps(length)) {
        return new String(chars, 0, length);
      }
      byte[] verbatim = verbatimUtf8();
      if (verbatim != null) {
        return SourceChars.adoptVerbatim(utf8.chars(), sectionStart, length, verbatim); // the document's chars: no copy kept
      }
      return SourceChars.adopt(Arrays.copyOf(chars, length), length);
    }

    /**
     * The document's bytes of the gathered text when it is exactly one CDATA section's content:
     * the section's end follows right after it in the document (so no piece is missing) and it
     * holds nothing the reader changed (line ends) or the repair would ({@link Utf8Source}).
     */
    private byte[] verbatimUtf8() {
      if (sectionStart < 0 || !utf8.regionMatches(sectionStart + length, CDATA_END)) {
        return null;
      }
      return utf8.verbatimUtf8(sectionStart, sectionStart + length);
    }

    void clear() {
      length = 0;
      sectionStart = -1;
    }
  }
}

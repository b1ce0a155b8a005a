package io.feedpipe.producer.parse;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import io.feedpipe.producer.xml.XmlCharsets;
import io.feedpipe.producer.xml.LooseXml;
import io.feedpipe.producer.xml.XmlDocuments;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import org.jdom2.Document;

/**
 * Parses RSS 0.9x/1.0/1.1/2.0 and Atom 0.3/1.0 with Rome, and JSON Feed 1.0/1.1 with Jackson.
 *
 * <p>XML bytes are decoded once ({@link XmlCharsets}: BOM, HTTP charset, XML declaration as RFC 7303
 * orders them, with a fallback chain), then read into a JDOM document by a StAX parser ({@link
 * XmlDocuments}) in up to four tries, cheapest first:
 *
 * <ol>
 *   <li>the text as it is;
 *   <li>on failure, after {@link LenientPrepass} (junk before the declaration, bare ampersands,
 *       forbidden characters, undeclared well-known namespace prefixes);
 *   <li>on failure, through Rome's XML healer ({@link XmlFixerReader});
 *   <li>on failure, with a forgiving parser ({@link LooseXml}: open elements closed as feedparser's
 *       loose parser does), unless that loses every entry.
 * </ol>
 *
 * <p>{@link WireRepairs} then reshapes what Rome would refuse (namespace-less Atom, RSS 1.1, a bad
 * {@code skipHours}), and Rome builds its model from the document. Every repair is noted in {@link
 * ParsedFeed#repairs()}.
 *
 * <p>DOCTYPEs are accepted and ignored: no DTD, entity or URL is ever loaded, HTML named entities
 * resolve as in a browser, and a reference to an external or nested entity (XXE, entity bombs)
 * refuses the document ({@link FeedParseException#refused()}); see {@link XmlDocuments}.
 *
 * <p>Thread-safe: each parse uses its own Rome objects.
 */
public final class FeedParser {

  /**
   * @param feedName names the feed in the error (its URL or id)
   * @param body the document's bytes; the encoding is read from them (BOM, XML declaration)
   * @param contentType the HTTP Content-Type when known, else null; its charset counts as XML over
   *     HTTP says (RFC 7303), leniently
   * @throws FeedParseException when the bytes are not a feed (or are refused: {@link
   *     FeedParseException#refused()}), naming the feed and the reason
   */
  public ParsedFeed parse(String feedName, byte[] body, String contentType) throws FeedParseException {
    Objects.requireNonNull(body, "body");
    if (JsonFeedParser.looksLikeJson(body) || isJson(contentType) && !looksLikeXml(body)) {
      return JsonFeedParser.parse(feedName, body);
    }
    try {
      XmlCharsets.Decoded decoded = XmlCharsets.decode(body, contentType);
      List<String> notes = new ArrayList<>(decoded.notes());
      Read read = read(decoded, notes);
      Document doc = read.doc();
      WireRepairs.apply(doc, notes);
      SyndFeedInput input = new SyndFeedInput();
      input.setPreserveWireFeed(true); // SyndAdapter reads the real GUID and ttl/skip* from the wire feed
      SyndFeed feed = input.build(doc);
      ParsedFeed parsed = SyndAdapter.adapt(feed).withRepairs(notes);
      if (read.notWellFormed() != null && parsed.entries().isEmpty() && ITEM_TAG.matcher(decoded.text()).find()) {
        // The forgiving parser nested the entries where Rome does not look (an element left open
        // around them): an empty feed would hide that the document is broken.
        throw read.notWellFormed();
      }
      return parsed;
    } catch (XmlDocuments.Refused e) {
      throw new FeedParseException("feed " + feedName + ": " + e.getMessage(), e, true);
    } catch (XMLStreamException e) {
      throw new FeedParseException("feed " + feedName + " is not well-formed XML: " + oneLine(e.getMessage()), e);
    } catch (FeedException e) {
      throw new FeedParseException("feed " + feedName + " is not well-formed RSS/Atom: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // Rome's way of saying "well-formed XML, but no parser knows this root element".
      throw new FeedParseException("feed " + feedName + " is XML but not RSS or Atom: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      // Absurdly deep nesting; bounded by the body size limit, but must not take the poll thread down.
      throw new FeedParseException("feed " + feedName + ": the document nests too deeply to parse", null);
    } catch (RuntimeException e) {
      // A Rome module tripping over odd content must not take the poll down with it.
      throw new FeedParseException("feed " + feedName + ": Rome failed on the document: " + e, e);
    }
  }

  /** The tree, and the first failure when only the forgiving parser could read the text. */
  private record Read(Document doc, XMLStreamException notWellFormed) {}

  private static final Pattern ITEM_TAG = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?(?:item|entry)[\\s>/]");

  /** The four tries; {@code notes} receives the repairs of the one that succeeded. */
  private static Read read(XmlCharsets.Decoded decoded, List<String> notes) throws XMLStreamException, XmlDocuments.Refused {
    List<String> asIs = new ArrayList<>(notes);
    XMLStreamException strictFailure;
    try {
      // The decoded characters as they are, without making a string of them: only the repairs need one.
      Document doc = XmlDocuments.build(decoded, asIs);
      notes.clear();
      notes.addAll(asIs);
      return new Read(doc, null);
    } catch (XMLStreamException e) {
      strictFailure = e;
    }
    String text = decoded.text();
    List<String> repairs = new ArrayList<>(notes);
    String repaired = LenientPrepass.repair(text, repairs);
    if (repairs.size() > notes.size()) {
      try {
        Document doc = XmlDocuments.build(repaired, repairs);
        notes.clear();
        notes.addAll(repairs);
        return new Read(doc, null);
      } catch (XMLStreamException stillBad) {
        // What is left after the repairs says best what is wrong.
        stillBad.addSuppressed(strictFailure);
        strictFailure = stillBad;
      }
    }
    List<String> healed = new ArrayList<>(repairs);
    healed.add("read with Rome's XML healer");
    try {
      Document doc = XmlDocuments.build(healed(repaired), healed);
      notes.clear();
      notes.addAll(healed);
      return new Read(doc, null);
    } catch (XMLStreamException healerFailed) {
      strictFailure.addSuppressed(healerFailed);
    }
    // Structural breaks (an end tag that closes nothing, elements left open at the end): read as
    // feedparser's loose parser and Miniflux's non-strict decoder read them.
    Document loose = LooseXml.build(repaired);
    if (loose == null) {
      throw strictFailure;
    }
    notes.clear();
    notes.addAll(repairs);
    notes.add("not well-formed XML (" + oneLine(strictFailure.getMessage()) + "); read with a forgiving parser");
    return new Read(loose, strictFailure);
  }

  /** The text through Rome's healer, read whole: the healer's reader may return empty reads, which StAX takes for the end. */
  private static String healed(String text) throws XMLStreamException {
    try (Reader healer = new XmlFixerReader(new StringReader(text))) {
      StringBuilder out = new StringBuilder(text.length() + 64);
      char[] buffer = new char[8192];
      for (int n; (n = healer.read(buffer)) != -1; ) {
        out.append(buffer, 0, n);
      }
      return out.toString();
    } catch (IOException e) {
      throw new XMLStreamException("Rome's XML healer failed: " + e.getMessage(), e);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").strip();
  }

  private static boolean isJson(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
  }

  private static boolean looksLikeXml(byte[] body) {
    for (int i = 0; i < body.length && i < 1024; i++) {
      if (body[i] == '<') {
        return true;
      }
    }
    return false;
  }
}

package io.feedpipe.producer.parse;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 with Rome, and JSON Feed 1.0/1.1 with Jackson.
 *
 * <p>XML is read in up to three tries, cheapest first:
 *
 * <ol>
 *   <li>Rome with its XML healer off, from the bytes: the encoding comes from the BOM, the HTTP
 *       Content-Type and the XML declaration (Rome's {@link XmlReader}, RFC 7303, leniently);
 *   <li>on failure, {@link LenientPrepass} over the decoded text (junk before the declaration,
 *       HTML named entities, bare ampersands, forbidden characters, an external-only DOCTYPE), then
 *       Rome again with the healer off;
 *   <li>on failure, Rome with its healer on (~10× the cost of a parse, hence last).
 * </ol>
 *
 * <p>DOCTYPE declarations are never handed to the XML parser (Rome refuses them by default; that
 * stays): an external-only DOCTYPE is removed by the pre-pass, one with an internal subset (entity
 * declarations: XXE, billion laughs) refuses the document outright, so no entity is ever expanded
 * and no file or URL named by one is ever read.
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
      FeedException strictFailure;
      try {
        return SyndAdapter.adapt(build(body, contentType, false));
      } catch (FeedException e) {
        strictFailure = e;
      }
      String text = decode(body, contentType);
      List<String> repairs = new ArrayList<>();
      String repaired;
      try {
        repaired = LenientPrepass.repair(text, repairs);
      } catch (LenientPrepass.DoctypeRefused refused) {
        throw new FeedParseException("feed " + feedName + ": " + refused.getMessage(), refused, true);
      }
      if (!repairs.isEmpty()) {
        try {
          return SyndAdapter.adapt(build(new StringReader(repaired), false)).withRepairs(repairs);
        } catch (FeedException stillBad) {
          strictFailure.addSuppressed(stillBad);
        }
      }
      try {
        List<String> healed = new ArrayList<>(repairs);
        healed.add("read with Rome's XML healer");
        return SyndAdapter.adapt(build(new StringReader(repaired), true)).withRepairs(healed);
      } catch (FeedException | IllegalArgumentException healerFailed) {
        healerFailed.addSuppressed(strictFailure);
        throw healerFailed;
      }
    } catch (FeedException e) {
      throw new FeedParseException("feed " + feedName + " is not well-formed RSS/Atom: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // Rome's way of saying "well-formed XML, but no parser knows this root element".
      throw new FeedParseException("feed " + feedName + " is XML but not RSS or Atom: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new FeedParseException("feed " + feedName + ": cannot read the XML's character encoding: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      // Absurdly deep nesting; bounded by the body size limit, but must not take the poll thread down.
      throw new FeedParseException("feed " + feedName + ": the document nests too deeply to parse", null);
    } catch (RuntimeException e) {
      // A Rome module tripping over odd content must not take the poll down with it.
      throw new FeedParseException("feed " + feedName + ": Rome failed on the document: " + e, e);
    }
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

  /** The document's text, decoded as the strict parse would have (BOM, Content-Type, XML declaration). */
  private static String decode(byte[] body, String contentType) throws IOException {
    try (Reader reader = xmlReader(body, contentType)) {
      StringBuilder text = new StringBuilder(body.length + 16);
      char[] buffer = new char[8192];
      for (int n; (n = reader.read(buffer)) != -1; ) {
        text.append(buffer, 0, n);
      }
      return text.toString();
    }
  }

  private static XmlReader xmlReader(byte[] body, String contentType) throws IOException {
    // lenient: a charset in Content-Type that contradicts the document falls back to the document's
    return contentType == null
        ? new XmlReader(new ByteArrayInputStream(body), true)
        : new XmlReader(new ByteArrayInputStream(body), contentType, true);
  }

  private static SyndFeed build(byte[] body, String contentType, boolean healer) throws FeedException, IOException {
    try (XmlReader reader = xmlReader(body, contentType)) {
      return build(reader, healer);
    }
  }

  private static SyndFeed build(Reader reader, boolean healer) throws FeedException {
    SyndFeedInput input = new SyndFeedInput();
    input.setXmlHealerOn(healer);
    input.setAllowDoctypes(false); // Rome's default; stated because it is a security decision
    input.setPreserveWireFeed(true); // SyndAdapter reads the real GUID and ttl/skip* from the wire feed
    return input.build(reader);
  }
}

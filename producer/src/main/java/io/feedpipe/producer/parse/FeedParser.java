package io.feedpipe.producer.parse;

import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import com.rometools.rome.feed.synd.SyndFeed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 with Rome.
 *
 * <p>Rome's XML healer (trimming junk before {@code <?xml}, turning HTML entities like {@code
 * &nbsp;} into character references) costs ~10× the parse itself, so it is off for the first try
 * and on only for a retry when the XML is not well-formed.
 *
 * <p>DOCTYPE declarations stay refused (Rome's default since 1.5.1): that shuts out XXE and entity
 * bombs, at the price of a few old RSS 0.91 feeds that declare a DTD.
 *
 * <p>Thread-safe: each parse uses its own Rome objects.
 */
public final class FeedParser {

  /**
   * @param feedName names the feed in the error (its URL or id)
   * @param body the document's bytes; the encoding is read from them (BOM, XML declaration)
   * @param contentType the HTTP Content-Type when known, else null; its charset counts as XML over
   *     HTTP says (RFC 7303), leniently
   * @throws FeedParseException when the bytes are not a feed, naming the feed and Rome's reason
   */
  public ParsedFeed parse(String feedName, byte[] body, String contentType) throws FeedParseException {
    Objects.requireNonNull(body, "body");
    try {
      SyndFeed feed;
      try {
        feed = build(body, contentType, false);
      } catch (FeedException notWellFormed) {
        try {
          feed = build(body, contentType, true);
        } catch (FeedException | IllegalArgumentException stillBad) {
          stillBad.addSuppressed(notWellFormed);
          throw stillBad;
        }
      }
      return SyndAdapter.adapt(feed);
    } catch (FeedException e) {
      throw new FeedParseException("feed " + feedName + " is not well-formed RSS/Atom: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // Rome's way of saying "well-formed XML, but no parser knows this root element".
      throw new FeedParseException("feed " + feedName + " is XML but not RSS or Atom: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new FeedParseException("feed " + feedName + ": cannot read the XML's character encoding: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // A Rome module tripping over odd content must not take the poll down with it.
      throw new FeedParseException("feed " + feedName + ": Rome failed on the document: " + e, e);
    }
  }

  private static SyndFeed build(byte[] body, String contentType, boolean healer) throws FeedException, IOException {
    SyndFeedInput input = new SyndFeedInput();
    input.setXmlHealerOn(healer);
    input.setAllowDoctypes(false); // Rome's default; stated because it is a security decision
    input.setPreserveWireFeed(true); // SyndAdapter reads the real GUID from the wire entry
    // lenient: a charset in Content-Type that contradicts the document falls back to the document's
    try (XmlReader reader =
        contentType == null
            ? new XmlReader(new ByteArrayInputStream(body), true)
            : new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
      return input.build(reader);
    }
  }
}

package io.feedpipe.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedParser;
import com.rometools.rome.io.impl.Atom03Parser;
import com.rometools.rome.io.impl.Atom10Parser;
import com.rometools.rome.io.impl.FeedParsers;
import com.rometools.rome.io.impl.RSS090Parser;
import com.rometools.rome.io.impl.RSS091UserlandParser;
import com.rometools.rome.io.impl.RSS092Parser;
import com.rometools.rome.io.impl.RSS093Parser;
import com.rometools.rome.io.impl.RSS094Parser;
import com.rometools.rome.io.impl.RSS10Parser;
import com.rometools.rome.io.impl.RSS20Parser;
import com.rometools.rome.io.impl.RSS20wNSParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.jdom2.Document;
import org.jdom2.input.SAXBuilder;
import org.jdom2.output.XMLOutputter;
import org.junit.jupiter.api.Test;

/**
 * The date-reading parsers registered in {@code rome.properties} replace Rome's for the feed types
 * they cover, in Rome's order, and give the same wire feed as Rome's own parsers — every date
 * included — leaving the document as they found it.
 */
class RomeDateParsersTest {
  private static final String DC = "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";

  private static String rss(String version, String namespace) {
    return "<rss version=\"" + version + "\" " + namespace + DC + "><channel><title>T</title><link>https://example.org/</link><description>D</description>"
        + "<pubDate>Sun, 29 Nov 2026 10:31:07 GMT</pubDate><lastBuildDate>Mon, 30 Nov 26 08:00:00 EST</lastBuildDate><dc:date>2026-11-29T10:00:00Z</dc:date>"
        + "<item><title>a</title><pubDate>Sun, 29 Nov 2026 09:00:00 +0100</pubDate><pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate>"
        + "<expirationDate>Tue, 01 Dec 2026 00:00:00 GMT</expirationDate><guid>a</guid></item>"
        + "<item><title>b</title><dc:date>2026-11-28T10:31:07.5+02:00</dc:date><dc:date>not a date</dc:date><dc:creator>X</dc:creator>"
        + "<pubDate>\n  2026-11-27T10:00:00Z\n</pubDate></item>"
        + "<item><title>c</title><pubDate>garbage</pubDate><dc:date>2026-11-26</dc:date></item>"
        + "</channel></rss>";
  }

  private static final String ATOM = "<feed xmlns=\"http://www.w3.org/2005/Atom\" " + DC + "><title>T</title><id>urn:f</id>"
      + "<updated>2026-11-29T10:31:07Z</updated>"
      + "<entry><id>urn:1</id><title>1</title><updated>2026-11-29T10:31:07.123+01:00</updated><published>2026-11-28T10:00:00Z</published></entry>"
      + "<entry><id>urn:2</id><title>2</title><updated>Sun, 29 Nov 2026 10:31:07 GMT</updated><dc:date>2026-11-01</dc:date></entry>"
      + "</feed>";

  private static final String RDF = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" " + DC + ">"
      + "<channel rdf:about=\"https://example.org/\"><title>T</title><link>https://example.org/</link><description>D</description>"
      + "<dc:date>2026-11-29T10:31:07-05:00</dc:date></channel>"
      + "<item rdf:about=\"https://example.org/1\"><title>1</title><link>https://example.org/1</link><dc:date>2026-11-29T10:31:07Z</dc:date></item></rdf:RDF>";

  private static Document document(String xml) throws Exception {
    return new SAXBuilder().build(new StringReader(xml));
  }

  @Test
  void registeredParsersReplaceRomesInItsOrder() throws Exception {
    FeedParsers parsers = new FeedParsers();
    assertThat(parsers.getParserFor(document(rss("2.0", "")))).isInstanceOf(RomeDateParsers.RSS20.class);
    // RSS 2.0's parser accepts this document too: the namespaced one must still come first, as in Rome.
    assertThat(parsers.getParserFor(document(rss("2.0", "xmlns=\"http://backend.userland.com/rss2\" ")))).isInstanceOf(RomeDateParsers.RSS20wNS.class);
    assertThat(parsers.getParserFor(document(rss("0.91", "")))).isInstanceOf(RomeDateParsers.RSS091Userland.class);
    assertThat(parsers.getParserFor(document(rss("0.92", "")))).isInstanceOf(RomeDateParsers.RSS092.class);
    assertThat(parsers.getParserFor(document(rss("0.93", "")))).isInstanceOf(RomeDateParsers.RSS093.class);
    assertThat(parsers.getParserFor(document(rss("0.94", "")))).isInstanceOf(RomeDateParsers.RSS094.class);
    assertThat(parsers.getParserFor(document(ATOM))).isInstanceOf(RomeDateParsers.Atom10.class);
    assertThat(parsers.getParserFor(document(RDF))).isExactlyInstanceOf(RSS10Parser.class);
    assertThat(parsers.getSupportedFeedTypes()).containsExactlyInAnyOrder("rss_0.9", "rss_0.91N", "rss_0.91U", "rss_0.92", "rss_0.93", "rss_0.94",
        "rss_1.0", "rss_2.0wNS", "rss_2.0", "atom_1.0", "atom_0.3");
  }

  @Test
  void rssParsersGiveRomesDatesAndLeaveTheDocumentAsTheyFoundIt() throws Exception {
    sameAsRome(rss("2.0", ""), new RSS20Parser(), new RomeDateParsers.RSS20());
    sameAsRome(rss("2.0", "xmlns=\"http://backend.userland.com/rss2\" "), new RSS20wNSParser(), new RomeDateParsers.RSS20wNS());
    sameAsRome(rss("0.94", ""), new RSS094Parser(), new RomeDateParsers.RSS094());
    sameAsRome(rss("0.93", ""), new RSS093Parser(), new RomeDateParsers.RSS093());
    sameAsRome(rss("0.92", ""), new RSS092Parser(), new RomeDateParsers.RSS092());
    sameAsRome(rss("0.91", ""), new RSS091UserlandParser(), new RomeDateParsers.RSS091Userland());
  }

  @Test
  void atomAndRdfParsersGiveRomesDates() throws Exception {
    sameAsRome(ATOM, new Atom10Parser(), new RomeDateParsers.Atom10());
    // RSS 1.0 is Rome's parser, with the Dublin Core module parser registered for its items.
    sameAsRome(RDF, new RSS10Parser(), new RSS10Parser());
    assertThat(new Atom03Parser().getType()).isEqualTo("atom_0.3");
    assertThat(new RSS090Parser().getType()).isEqualTo("rss_0.9");
  }

  private static void sameAsRome(String xml, WireFeedParser rome, WireFeedParser ours) throws Exception {
    Document forRome = document(xml);
    Document forUs = document(xml);
    String before = new XMLOutputter().outputString(forUs);
    List<Object> expected = dates(rome.parse(forRome, false, Locale.US));
    List<Object> actual = dates(ours.parse(forUs, false, Locale.US));
    assertThat(actual).as(ours.getType()).isEqualTo(expected).contains((Object) null).hasSizeGreaterThan(4);
    assertThat(new XMLOutputter().outputString(forUs)).as("document after parsing").isEqualTo(before);
  }

  /** Every date of the wire feed, in a fixed order (null where absent or unparsable). */
  private static List<Object> dates(WireFeed feed) {
    List<Object> dates = new ArrayList<>();
    if (feed instanceof Channel channel) {
      dates.add(channel.getPubDate());
      dates.add(channel.getLastBuildDate());
      dcDates(channel.getModule(DCModule.URI), dates);
      for (Item item : channel.getItems()) {
        dates.add(item.getPubDate());
        dates.add(item.getExpirationDate());
        dcDates(item.getModule(DCModule.URI), dates);
      }
    } else if (feed instanceof Feed atom) {
      dates.add(atom.getUpdated());
      for (Entry entry : atom.getEntries()) {
        dates.add(entry.getUpdated());
        dates.add(entry.getPublished());
        dcDates(entry.getModule(DCModule.URI), dates);
      }
    }
    return dates.stream().map(d -> d instanceof Date date ? (Object) date.getTime() : d).toList();
  }

  private static void dcDates(Object module, List<Object> dates) {
    if (module instanceof DCModule dc) {
      dates.add("dc:" + dc.getDates().size());
      dates.addAll(dc.getDates());
    } else {
      dates.add("no dc");
    }
  }
}

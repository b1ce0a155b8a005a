package io.feedpipe.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import org.junit.jupiter.api.Test;

/** Feeds a lenient reader (feedparser, Miniflux) reads and Rome alone refuses. */
class LenientReadingTest {
  private final FeedParser parser = new FeedParser();

  private ParsedFeed parse(String xml) throws FeedParseException {
    return parser.parse("t", xml.getBytes(StandardCharsets.UTF_8), null);
  }

  private static String rss(String channel) {
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>https://example.org/</link>"
        + "<description>D</description>" + channel + "<item><title>i</title><guid>g</guid></item></channel></rss>";
  }

  @Test
  void skipHours25IsDroppedWithANoteAndTheFeedRead() throws Exception {
    ParsedFeed feed = parse(rss("<skipHours><hour>25</hour><hour>3</hour></skipHours>"));
    assertThat(feed.entries()).hasSize(1);
    assertThat(feed.hints().skipHours()).containsExactly(3);
    assertThat(feed.repairs()).anySatisfy(n -> assertThat(n).contains("skipHours").contains("25"));
  }

  @Test
  void skipHoursNotAWholeHourIsDroppedWithANote() throws Exception {
    ParsedFeed feed = parse(rss("<skipHours><hour>2.5</hour><hour>-1</hour></skipHours>"));
    assertThat(feed.entries()).hasSize(1);
    assertThat(feed.hints().skipHours()).isEmpty();
    assertThat(feed.repairs()).anySatisfy(n -> assertThat(n).contains("skipHours: 2 entries"));
  }

  @Test
  void skipDaysWithAnUnknownDayKeepsTheKnownOnes() throws Exception {
    ParsedFeed feed = parse(rss("<skipDays><day>Funday</day><day>saturday</day></skipDays>"));
    assertThat(feed.entries()).hasSize(1);
    assertThat(feed.hints().skipDays()).containsExactly(DayOfWeek.SATURDAY);
    assertThat(feed.repairs()).anySatisfy(n -> assertThat(n).contains("skipDays").contains("Funday"));
  }

  @Test
  void cloudWithANonNumericPortIsDroppedWithANote() throws Exception {
    ParsedFeed feed = parse(rss("<cloud domain=\"rpc.example.org\" port=\"12.0\" path=\"/rpc\" registerProcedure=\"p\" protocol=\"xml-rpc\"/>"));
    assertThat(feed.entries()).hasSize(1);
    assertThat(feed.repairs()).anySatisfy(n -> assertThat(n).contains("cloud"));
  }

  @Test
  void atom03Base64ContentIsDecoded() throws Exception {
    ParsedFeed feed = parse("""
        <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title>
        <entry><id>urn:1</id><title>One</title><issued>2025-12-08T20:03:00Z</issued>
          <content type="text/html" mode="base64">
            RXhhbXBsZSA8Yj5BdG9tPC9i
            Pg==
          </content>
        </entry></feed>""");
    assertThat(feed.entries()).singleElement().satisfies(e -> assertThat(e.contentHtml()).isEqualTo("Example <b>Atom</b>"));
    assertThat(feed.repairs()).anySatisfy(n -> assertThat(n).contains("base64"));
  }

  @Test
  void atom03EscapedContentIsReadAsHtml() throws Exception {
    ParsedFeed feed = parse("""
        <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title>
        <entry><id>urn:1</id><title>One</title><issued>2025-12-08T20:03:00Z</issued>
          <content type="text/html" mode="escaped">Example &lt;b&gt;Atom&lt;/b&gt;</content>
        </entry></feed>""");
    assertThat(feed.entries()).singleElement().satisfies(e -> assertThat(e.contentHtml()).isEqualTo("Example <b>Atom</b>"));
  }

  @Test
  void rss11IsReadAsRss10() throws Exception {
    ParsedFeed feed = parse("""
        <Channel xmlns="http://purl.org/net/rss1.1#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
            xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:about="http://www.xml.com/xml/news.rss">
          <title>XML.com</title><link>http://xml.com/pub</link><description>d</description>
          <items rdf:parseType="Collection">
            <item rdf:about="http://www.xml.com/pub/a/1.html"><title>One</title><link>http://www.xml.com/pub/a/1.html</link>
              <dc:creator>Ann</dc:creator></item>
            <item rdf:about="http://www.xml.com/pub/a/2.html"><title>Two</title><link>http://www.xml.com/pub/a/2.html</link></item>
          </items>
        </Channel>""");
    assertThat(feed.title()).isEqualTo("XML.com");
    assertThat(feed.entries()).extracting(ParsedEntry::title).containsExactly("One", "Two");
    assertThat(feed.entries().get(0).link()).isEqualTo("http://www.xml.com/pub/a/1.html");
    assertThat(feed.entries().get(0).authors()).containsExactly("Ann");
    assertThat(feed.repairs()).contains("RSS 1.1 read as RSS 1.0");
  }

  @Test
  void atomFeedWithoutItsNamespaceIsReadAsAtom10() throws Exception {
    ParsedFeed feed = parse("""
        <feed><title>T</title><id>urn:t</id><updated>2025-12-08T20:03:00Z</updated>
          <entry><id>urn:1</id><title>One</title><updated>2025-12-08T20:03:00Z</updated>
            <link href="https://example.org/1"/><content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry>
        </feed>""");
    assertThat(feed.title()).isEqualTo("T");
    assertThat(feed.entries()).singleElement().satisfies(e -> {
      assertThat(e.guid()).isEqualTo("urn:1");
      assertThat(e.link()).isEqualTo("https://example.org/1");
      assertThat(e.contentHtml()).isEqualTo("<p>x</p>");
    });
    assertThat(feed.repairs()).anySatisfy(n -> assertThat(n).contains("without a namespace").contains("Atom 1.0"));
  }

  @Test
  void rss091WithNetscapeDoctypeAndNbspIsRead() throws Exception {
    ParsedFeed feed = parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
        + "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n"
        + "<rss version=\"0.91\"><channel><title>News&nbsp;Now</title><link>http://x/</link><description>d</description>"
        + "<language>en</language><item><title>One&nbsp;&mdash;&nbsp;two</title><link>http://x/1</link></item></channel></rss>");
    assertThat(feed.title()).isEqualTo("News\u00a0Now");
    assertThat(feed.entries()).extracting(ParsedEntry::title).containsExactly("One\u00a0—\u00a0two");
  }

  @Test
  void eachEncodingReachesTheEntries() throws Exception {
    String doc = "<?xml version=\"1.0\" encoding=\"%s\"?><rss version=\"2.0\"><channel><title>Grüße</title>"
        + "<item><title>€ – ü</title><guid>g</guid></item></channel></rss>";
    record Case(String label, Charset charset, byte[] bom) {}
    for (Case c : new Case[] {
        new Case("UTF-8", StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}),
        new Case("UTF-8", StandardCharsets.UTF_8, new byte[0]),
        new Case("UTF-16", StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}),
        new Case("UTF-16", StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}),
        new Case("UTF-16", StandardCharsets.UTF_16LE, new byte[0]),
        new Case("UTF-16", StandardCharsets.UTF_16BE, new byte[0]),
        new Case("UTF-32", Charset.forName("UTF-32LE"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}),
        new Case("UTF-32", Charset.forName("UTF-32BE"), new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}),
        new Case("UTF-32", Charset.forName("UTF-32LE"), new byte[0]),
        new Case("ISO-8859-1", Charset.forName("windows-1252"), new byte[0])}) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.writeBytes(c.bom());
      bytes.writeBytes(doc.formatted(c.label()).getBytes(c.charset()));
      ParsedFeed feed = parser.parse("t", bytes.toByteArray(), null);
      assertThat(feed.title()).as(c.toString()).isEqualTo("Grüße");
      assertThat(feed.entries()).as(c.toString()).extracting(ParsedEntry::title).containsExactly("€ – ü");
    }
  }

  @Test
  void upperCaseHexAndForbiddenCharacterReferencesAreRepaired() throws Exception {
    ParsedFeed feed = parse(rss("").replace("<title>i</title>", "<title>&#X41;&#x0;B</title>"));
    assertThat(feed.entries().get(0).title()).isEqualTo("AB");
    assertThat(feed.repairs()).anySatisfy(n -> assertThat(n).contains("&#X"));
  }

  @Test
  void documentCutOffInItsLastEndTagIsRead() throws Exception {
    String cut = rss("");
    ParsedFeed feed = parse(cut.substring(0, cut.length() - 1));
    assertThat(feed.entries()).hasSize(1);
    assertThat(feed.repairs()).anySatisfy(n -> assertThat(n).contains("unterminated last end tag"));
  }

  @Test
  void contentTypeCharsetOverridesTheDeclaration() throws Exception {
    String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Caf\u00e9</title></channel></rss>";
    ParsedFeed feed = parser.parse("t", doc.getBytes(StandardCharsets.ISO_8859_1), "text/xml; charset=iso-8859-1");
    assertThat(feed.title()).isEqualTo("Caf\u00e9");
  }
}

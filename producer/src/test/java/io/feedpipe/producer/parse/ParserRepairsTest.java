package io.feedpipe.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The lenient pre-pass, encodings, JSON Feed and feed hints. */
class ParserRepairsTest {
  private final FeedParser parser = new FeedParser();

  @Test
  void htmlNamedEntitiesAndBareAmpersandsAreRepairedBeforeTheHealer() throws Exception {
    String rss = "\n  <?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>A &nbsp; B & C &eacute;</title>"
        + "<item><title>x &hellip;</title><guid>1</guid></item></channel></rss>";
    ParsedFeed feed = parser.parse("t", rss.getBytes(StandardCharsets.UTF_8), null);
    assertThat(feed.title()).isEqualTo("A \u00a0 B & C é");
    assertThat(feed.entries().get(0).title()).isEqualTo("x …");
    assertThat(feed.repairs()).anySatisfy(r -> assertThat(r).contains("whitespace before the XML declaration"))
        .anySatisfy(r -> assertThat(r).contains("HTML named entit"));
  }

  @Test
  void undeclaredWellKnownNamespacePrefixesAreDeclared() throws Exception {
    // As feedjira's itunes.xml: content:encoded and itunes:* used, only xmlns:itunes declared (on an inner element).
    String rss = "<?xml version=\"1.0\"?>\n<!-- a comment --><rss version=\"2.0\"><channel><title>t</title>"
        + "<item xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><title>i</title><guid>1</guid>"
        + "<content:encoded><![CDATA[<p>full <o:p>text</o:p></p>]]></content:encoded><itunes:duration>1:00</itunes:duration></item>"
        + "<item><title>j</title><guid>2</guid><dc:creator>Ann</dc:creator><media:thumbnail url=\"http://x/t.png\"/></item>"
        + "</channel></rss>";
    ParsedFeed feed = parser.parse("t", rss.getBytes(StandardCharsets.UTF_8), null);
    assertThat(feed.entries()).hasSize(2);
    assertThat(feed.entries().get(0).contentHtml()).contains("full");
    assertThat(feed.repairs()).anySatisfy(r -> assertThat(r).contains("[content, dc, itunes, media]").contains("declared"));
  }

  @Test
  void anUnknownUndeclaredPrefixIsReadByTheForgivingParserWithANote() throws Exception {
    String rss = "<rss version=\"2.0\"><channel><title>t</title><item><title>i</title><foo:bar>x</foo:bar></item></channel></rss>";
    ParsedFeed feed = parser.parse("t", rss.getBytes(StandardCharsets.UTF_8), null);
    assertThat(feed.entries()).extracting(ParsedEntry::title).containsExactly("i");
    assertThat(feed.repairs()).anySatisfy(r -> assertThat(r).contains("foo").contains("forgiving parser"));
  }

  @Test
  void elementsLeftOpenAreClosedByTheForgivingParser() throws Exception {
    String rss = "<rss version=\"2.0\"><channel><title>t</title><item><title>i</title><guid>1</guid></item><item><title>j<b>x</title>"
        + "<guid>2</guid></item>";
    ParsedFeed feed = parser.parse("t", rss.getBytes(StandardCharsets.UTF_8), null);
    assertThat(feed.entries()).extracting(ParsedEntry::guid).containsExactly("1", "2");
  }

  @Test
  void aForgivingReadThatLosesEveryEntryStillFails() {
    // <itunes:category> never closed: a forgiving parser would nest every item inside it
    String rss = "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><title>t</title>"
        + "<itunes:category text='Technology'><item><title>i</title></item></channel></rss>";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse("t", rss.getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(FeedParseException.class).hasMessageContaining("itunes:category");
  }

  @Test
  void netscapeRss091DoctypeIsIgnoredAndItsHtmlEntitiesRead() throws Exception {
    String rss = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
        + "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\"><channel><title>t&nbsp;&copy;</title><link>http://x/</link>"
        + "<description>d</description><language>en</language><item><title>i&nbsp;&eacute;</title><link>http://x/i</link></item></channel></rss>";
    ParsedFeed feed = parser.parse("t", rss.getBytes(StandardCharsets.UTF_8), null);
    assertThat(feed.title()).isEqualTo("t\u00a0\u00a9");
    assertThat(feed.entries()).extracting(ParsedEntry::title).containsExactly("i\u00a0\u00e9");
    assertThat(feed.repairs()).as("a DOCTYPE and HTML entities are read as they are, nothing repaired").isEmpty();
  }

  @Test
  void cdataThatMerelyContainsDoctypeTextIsRead() throws Exception {
    String rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>i</title>"
        + "<description><![CDATA[<p>Write <!DOCTYPE html> first</p>]]></description><guid>1</guid></item></channel></rss>";
    ParsedFeed feed = parser.parse("t", rss.getBytes(StandardCharsets.UTF_8), null);
    assertThat(feed.entries().get(0).contentHtml()).isEqualTo("<p>Write <!DOCTYPE html> first</p>");
  }

  @Test
  void encodingComesFromTheHttpHeaderTheDeclarationOrTheBom() throws Exception {
    String doc = "<rss version=\"2.0\"><channel><title>Grüße</title></channel></rss>";
    byte[] latin1 = doc.getBytes(Charset.forName("ISO-8859-1"));
    assertThat(parser.parse("t", latin1, "application/rss+xml; charset=ISO-8859-1").title()).isEqualTo("Grüße");
    byte[] declared = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + doc).getBytes(Charset.forName("ISO-8859-1"));
    assertThat(parser.parse("t", declared, null).title()).isEqualTo("Grüße");
    byte[] bomUtf16 = ("\uFEFF" + doc).getBytes(StandardCharsets.UTF_16BE);
    assertThat(parser.parse("t", bomUtf16, null).title()).isEqualTo("Grüße");
  }

  @Test
  void jsonFeed11IsRead() throws Exception {
    String json = """
        {"version": "https://jsonfeed.org/version/1.1", "title": "J", "language": "en",
         "authors": [{"name": "Feed Author"}],
         "items": [
           {"id": "1", "url": "https://x/1", "title": "One", "content_html": "<p>hi</p>", "date_published": "2026-01-02T03:04:05Z", "tags": ["a"]},
           {"id": 2, "external_url": "https://y/2", "content_text": "plain & simple", "authors": [{"name": "Z"}]}
         ]}""";
    ParsedFeed feed = parser.parse("j", json.getBytes(StandardCharsets.UTF_8), "application/feed+json");
    assertThat(feed.title()).isEqualTo("J");
    assertThat(feed.language()).isEqualTo("en");
    assertThat(feed.entries()).hasSize(2);
    ParsedEntry one = feed.entries().get(0);
    assertThat(one.guid()).isEqualTo("1");
    assertThat(one.published()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(one.authors()).containsExactly("Feed Author");
    assertThat(one.categories()).containsExactly("a");
    ParsedEntry two = feed.entries().get(1);
    assertThat(two.guid()).isEqualTo("2");
    assertThat(two.link()).isEqualTo("https://y/2");
    assertThat(two.contentHtml()).isEqualTo("<p>plain &amp; simple</p>");
  }

  @Test
  void ttlSkipHoursSkipDaysAndUpdatePeriodAreRead() throws Exception {
    String rss = "<rss version=\"2.0\" xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\"><channel><title>t</title><ttl>90</ttl>"
        + "<skipHours><hour>1</hour><hour>2</hour></skipHours><skipDays><day>Sunday</day></skipDays>"
        + "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency></channel></rss>";
    FeedHints hints = parser.parse("t", rss.getBytes(StandardCharsets.UTF_8), null).hints();
    assertThat(hints.ttl()).isEqualTo(Duration.ofMinutes(90));
    assertThat(hints.skipHours()).containsExactlyInAnyOrder(1, 2);
    assertThat(hints.skipDays()).containsExactly(DayOfWeek.SUNDAY);
    assertThat(hints.updatePeriod()).isEqualTo(Duration.ofMinutes(30));
  }
}

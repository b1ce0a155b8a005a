package io.feedpipe.producer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.producer.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedParserTest {
  private final FeedParser parser = new FeedParser();

  private ParsedFeed parse(String xml) throws FeedParseException {
    return parser.parse("test-feed", xml.getBytes(StandardCharsets.UTF_8), null);
  }

  private static String rss(String items) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
        + "<channel><title>T</title><link>https://example.org/</link><description>D</description><language>en-us</language>"
        + items
        + "</channel></rss>";
  }

  @Test
  void lessWrongFeedYieldsTwentyEntriesWithGuidLinkTitleDateAndContent() throws Exception {
    ParsedFeed feed = parser.parse("lesswrong", Fixtures.bytes("fixtures/lesswrong/feed.xml"), "application/rss+xml; charset=utf-8");

    assertThat(feed.title()).isEqualTo("LessWrong");
    assertThat(feed.repairs()).as("a well-formed feed read without a note").isEmpty();
    assertThat(feed.entries()).hasSize(20).allSatisfy(entry -> {
      assertThat(entry.guid()).isNotBlank();
      assertThat(entry.link()).startsWith("https://www.lesswrong.com/posts/");
      assertThat(entry.title()).isNotBlank();
      assertThat(entry.published()).isNotNull();
      assertThat(entry.contentHtml()).startsWith("Published on");
      assertThat(entry.summaryHtml()).as("no content:encoded, so the description is the content").isNull();
    });
    ParsedEntry first = feed.entries().get(0);
    assertThat(first.guid()).isEqualTo("1d86e0e64f24efc65");
    assertThat(first.title()).isEqualTo("A few quick thoughts on measuring disempowerment");
    assertThat(first.published()).isEqualTo(Instant.parse("2025-12-08T20:03:00Z"));
    assertThat(feed.entries()).extracting(ParsedEntry::guid).doesNotHaveDuplicates();
  }

  @Test
  void atomXmlBaseOfFeedAndEntryIsCombinedPerEntry() throws Exception {
    ParsedFeed feed = parse("""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/blog/">
          <title>T</title><id>urn:t</id><updated>2025-12-08T20:03:00Z</updated>
          <entry xml:base="2025/">
            <id>urn:1</id><title>One</title><updated>2025-12-08T20:03:00Z</updated>
            <link href="one.html"/><content type="html">&lt;img src="pic.png"&gt;</content>
          </entry>
          <entry>
            <id>urn:2</id><title>Two</title><updated>2025-12-08T20:03:00Z</updated>
            <content type="html">&lt;a href="two.html"&gt;two&lt;/a&gt;</content>
          </entry>
          <entry xml:base="https://cdn.example.net/x/">
            <id>urn:3</id><title>Three</title><updated>2025-12-08T20:03:00Z</updated>
          </entry>
        </feed>
        """.strip());

    assertThat(feed.entries()).extracting(ParsedEntry::xmlBase)
        .containsExactly("https://example.org/blog/2025/", "https://example.org/blog/", "https://cdn.example.net/x/");
    assertThat(feed.entries().get(0).link()).as("links stay as written; they are resolved downstream").isEqualTo("one.html");
  }

  @Test
  void rssDeclaresNoBase() throws Exception {
    ParsedFeed feed = parse(rss("<item><guid>g</guid><title>x</title><description>d</description></item>"));
    assertThat(feed.entries().get(0).xmlBase()).isNull();
  }

  @Test
  void lessWrongPollsYieldTheirEntryCounts() throws Exception {
    assertThat(parser.parse("poll-1", Fixtures.bytes("fixtures/lesswrong/poll-1.xml"), null).entries()).hasSize(16);
    assertThat(parser.parse("poll-3", Fixtures.bytes("fixtures/lesswrong/poll-3.xml"), null).entries()).hasSize(20);
  }

  @Test
  void atomEntryMapsIdContentSummaryDatesAuthorsAndCategories() throws Exception {
    ParsedFeed feed = parser.parse("atom", Fixtures.bytes("feeds/atom-sample.xml"), "application/atom+xml");

    assertThat(feed.title()).isEqualTo("Example Atom Feed");
    assertThat(feed.entries()).hasSize(2);
    ParsedEntry one = feed.entries().get(0);
    assertThat(one.guid()).isEqualTo("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
    assertThat(one.link()).isEqualTo("https://example.org/2025/12/one");
    assertThat(one.title()).isEqualTo("Atom one");
    assertThat(one.published()).isEqualTo(Instant.parse("2025-12-07T10:00:00Z"));
    assertThat(one.updated()).isEqualTo(Instant.parse("2025-12-08T18:30:02Z"));
    assertThat(one.authors()).containsExactly("Entry Author", "Second Author");
    assertThat(one.categories()).containsExactly("kafka", "feeds");
    assertThat(one.contentHtml()).isEqualTo("<p>The full content of entry one.</p>");
    assertThat(one.summaryHtml()).isEqualTo("<p>Short summary</p>");
  }

  @Test
  void atomEntryWithOnlySummaryHasNoContentAndInheritsFeedAuthor() throws Exception {
    ParsedEntry two = parser.parse("atom", Fixtures.bytes("feeds/atom-sample.xml"), null).entries().get(1);

    assertThat(two.contentHtml()).isNull();
    assertThat(two.summaryHtml()).isEqualTo("Only a summary here.");
    assertThat(two.published()).isNull();
    assertThat(two.updated()).isEqualTo(Instant.parse("2025-12-06T09:00:00Z"));
    assertThat(two.authors()).containsExactly("Feed Author");
  }

  @Test
  void rssContentEncodedIsTheContentAndDescriptionTheSummary() throws Exception {
    ParsedFeed feed = parse(rss("<item><title>t</title><guid>g1</guid><description>short</description>"
        + "<content:encoded><![CDATA[<p>long</p>]]></content:encoded><dc:creator>Ann</dc:creator>"
        + "<category>a</category><category>b</category></item>"));

    ParsedEntry entry = feed.entries().get(0);
    assertThat(feed.language()).isEqualTo("en-us");
    assertThat(entry.contentHtml()).isEqualTo("<p>long</p>");
    assertThat(entry.summaryHtml()).isEqualTo("short");
    assertThat(entry.authors()).containsExactly("Ann");
    assertThat(entry.categories()).containsExactly("a", "b");
  }

  @Test
  void rssItemWithoutGuidHasNoGuidAlthoughRomeSubstitutesTheLink() throws Exception {
    ParsedEntry entry = parse(rss("<item><title>t</title><link>https://example.org/a</link></item>")).entries().get(0);

    assertThat(entry.guid()).isNull();
    assertThat(entry.link()).isEqualTo("https://example.org/a");
  }

  @Test
  void refusesDoctypeWithExternalEntityWithoutDisclosingTheFile(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<rss version=\"2.0\"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>";

    assertThatThrownBy(() -> parse(xxe))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("test-feed")
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("TOP-SECRET-CONTENT");
  }

  @Test
  void refusesEntityExpansionBomb() {
    String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<rss version=\"2.0\"><channel><title>&c;</title></channel></rss>";

    assertThatThrownBy(() -> parse(bomb)).isInstanceOf(FeedParseException.class).hasMessageContaining("DOCTYPE");
  }

  @Test
  void whitespaceBeforeXmlDeclarationParsesViaHealerRetry() throws Exception {
    ParsedFeed feed = parse("\n\n   " + rss("<item><title>t</title><guid>g</guid></item>"));

    assertThat(feed.entries()).extracting(ParsedEntry::guid).containsExactly("g");
  }

  @Test
  void htmlEntitiesUndeclaredInXmlParseViaHealerRetry() throws Exception {
    ParsedFeed feed = parse(rss("<item><title>Fish&nbsp;&amp;&nbsp;chips</title><guid>g</guid></item>"));

    assertThat(feed.entries().get(0).title()).isEqualTo("Fish\u00a0&\u00a0chips");
  }

  @Test
  void readsTheEncodingFromTheXmlDeclaration() throws Exception {
    String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\u00e9</title>"
        + "<link>https://example.org/</link><description>d</description><item><title>\u00e9t\u00e9</title></item></channel></rss>";

    ParsedFeed feed = parser.parse("latin1", xml.getBytes(StandardCharsets.ISO_8859_1), null);

    assertThat(feed.title()).isEqualTo("Caf\u00e9");
    assertThat(feed.entries().get(0).title()).isEqualTo("\u00e9t\u00e9");
  }

  @Test
  void mislabelledHttpContentTypeDoesNotGarbleTheText() throws Exception {
    byte[] utf8 = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Caf\u00e9</title>"
        + "<item><title>t</title></item></channel></rss>").getBytes(StandardCharsets.UTF_8);

    for (String contentType : new String[] {"application/rss+xml; charset=ISO-8859-1", "text/xml", "text/html", "application/octet-stream"}) {
      assertThat(parser.parse("mislabelled", utf8, contentType).title()).as(contentType).isEqualTo("Caf\u00e9");
    }
  }

  @Test
  void garbageIsRefusedNamingTheFeed() {
    byte[] garbage = {0x1f, (byte) 0x8b, 0x08, 0x00, 0x42, 0x13, 0x37, 0x00, '>', 'x'};

    assertThatThrownBy(() -> parser.parse("https://example.org/feed", garbage, null))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("https://example.org/feed");
  }

  @Test
  void wellFormedXmlThatIsNoFeedIsRefused() {
    assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?><html><body>not a feed</body></html>"))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("test-feed")
        .hasMessageContaining("not RSS or Atom");
  }
}

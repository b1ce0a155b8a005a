package io.feedpipe.producer.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.feedpipe.producer.text.SourceChars;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.output.XMLOutputter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DOCTYPEs accepted and ignored, nothing loaded: XXE, external DTDs and entity bombs. */
class XmlDocumentsTest {
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = "<!ENTITY nbsp 'LOADED'>".getBytes();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
  }

  private static String text(Document doc) {
    return new XMLOutputter().outputString(doc);
  }

  @Test
  void aLongTextIsKeptWithItsCharsForTheLaterStagesAndAShortOneIsNot() throws Exception {
    String html = "<p>It’s &amp; more</p>".repeat(SourceChars.MIN_LENGTH / 10);
    String escaped = html.replace("&", "&amp;").replace("<", "&lt;");
    String xml = "<rss><item><title>short</title><description>" + escaped + "</description><content><![CDATA[" + html
        + "]]></content></item></rss>";
    try {
      Element item = XmlDocuments.build(xml, new ArrayList<>()).getRootElement().getChild("item");
      String description = item.getChildText("description");
      String content = item.getChildText("content");
      assertThat(description).isEqualTo(html);
      assertThat(content).isEqualTo(html);
      assertThat(new String(SourceChars.of(description), 0, description.length())).isEqualTo(html);
      assertThat(new String(SourceChars.of(content), 0, content.length())).isEqualTo(html);
      assertThat(SourceChars.of(item.getChildText("title"))).isNull();
      XmlDocuments.build("<rss/>", new ArrayList<>());
      assertThat(SourceChars.of(description)).as("after the next document").isNull();
    } finally {
      SourceChars.release();
    }
  }

  /** The item's children's texts, read from the document's UTF-8 bytes, and each one's verbatim bytes (or null). */
  private static List<Object[]> verbatimTexts(byte[] document, String... children) throws Exception {
    XmlCharsets.Decoded decoded = XmlCharsets.decode(document, null);
    Element item = XmlDocuments.build(decoded, new ArrayList<>()).getRootElement().getChild("item");
    List<Object[]> texts = new ArrayList<>();
    for (String child : children) {
      String text = item.getChildText(child);
      texts.add(new Object[] {text, SourceChars.utf8(text)}); // before any repair: only the document's own bytes
    }
    return texts;
  }

  @Test
  void aLongCdataSectionOfAUtf8DocumentComesWithTheDocumentsOwnBytes() throws Exception {
    // Longer than the parser's buffer, so it is handed over in several pieces.
    String html = "<p>It’s “quoted”, 😀 and &amp; kept as written</p>\n".repeat(400);
    byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss><item><description><![CDATA[" + html + "]]></description>"
        + "<content><![CDATA[" + html.substring(0, 600) + "]]></content></item></rss>").getBytes(StandardCharsets.UTF_8);
    try {
      List<Object[]> texts = verbatimTexts(xml, "description", "content");

      for (Object[] text : texts) {
        assertThat((byte[]) text[1]).isEqualTo(((String) text[0]).getBytes(StandardCharsets.UTF_8));
      }
      assertThat(texts.get(0)[0]).isEqualTo(html);
    } finally {
      SourceChars.release();
    }
  }

  @Test
  void aTextThatIsNotExactlyOneCleanCdataSectionComesWithoutBytes() throws Exception {
    String html = "<p>It’s a paragraph of some length</p>".repeat(20);
    byte[] xml = ("<rss><item>"
        + "<a><![CDATA[" + html.replace("</p>", "</p>\r\n") + "]]></a>" // line ends the reader rewrites
        + "<b>\n  <![CDATA[" + html + "]]>\n</b>" // whitespace around the section
        + "<c><![CDATA[" + html + "]]><![CDATA[" + html + "]]></c>" // two sections
        + "<d>" + html.replace("<", "&lt;") + "</d>" // escaped text
        + "<e><![CDATA[" + html + "\u0085" + html + "]]></e>" // a C1 control the repair removes
        + "<f><![CDATA[" + html.substring(0, 100) + "]]></f>" // short: not kept at all
        + "</item></rss>").getBytes(StandardCharsets.UTF_8);
    try {
      List<Object[]> texts = verbatimTexts(xml, "a", "b", "c", "d", "e", "f");

      assertThat(texts).allSatisfy(text -> assertThat(text[1]).as((String) text[0]).isNull());
      assertThat((String) texts.get(0)[0]).doesNotContain("\r");
    } finally {
      SourceChars.release();
    }
  }

  @Test
  void aDocumentNotReadAsUtf8HasNoBytesToHandOut() throws Exception {
    String html = "<p>caf\u00e9 au lait, a paragraph of some length</p>".repeat(20);
    byte[] xml = ("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><item><description><![CDATA[" + html
        + "]]></description></item></rss>").getBytes(java.nio.charset.Charset.forName("windows-1252"));
    try {
      List<Object[]> texts = verbatimTexts(xml, "description");

      assertThat(texts.get(0)[0]).isEqualTo(html);
      assertThat(texts.get(0)[1]).isNull();
    } finally {
      SourceChars.release();
    }
  }

  @Test
  void externalDtdIsNeverFetchedAndHtmlEntitiesResolveAsInABrowser() throws Exception {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"" + url("/rss-0.91.dtd")
        + "\"><rss><title>a&nbsp;b &eacute; &hellip; &amp; &#169;</title></rss>";
    List<String> notes = new ArrayList<>();
    Document doc = XmlDocuments.build(xml, notes);
    assertThat(doc.getRootElement().getChildText("title")).isEqualTo("a\u00a0b é … & ©");
    assertThat(requests).as("requests to the DTD's URL").hasValue(0);
    assertThat(notes).isEmpty();
  }

  @Test
  void externalEntityNamingAFileIsRefusedAndTheFileNeverRead(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><rss><title>&xxe;</title></rss>";
    assertThatThrownBy(() -> XmlDocuments.build(xml, new ArrayList<>()))
        .isInstanceOf(XmlDocuments.Refused.class)
        .hasMessageContaining("&xxe;")
        .hasMessageNotContaining("TOP-SECRET-CONTENT");
  }

  @Test
  void externalEntityNamingAUrlIsRefusedAndTheServerReceivesNoRequest() {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + url("/xxe") + "\"><!ENTITY % dtd SYSTEM \""
        + url("/param.dtd") + "\"> %dtd;]><rss><title>&xxe;</title></rss>";
    assertThatThrownBy(() -> XmlDocuments.build(xml, new ArrayList<>())).isInstanceOf(XmlDocuments.Refused.class);
    assertThat(requests).as("requests to the entities' URLs").hasValue(0);
  }

  @Test
  void externalEntityDeclaredButNeverReferencedIsHarmless() throws Exception {
    String xml = "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + url("/xxe") + "\">]><rss><title>t</title></rss>";
    assertThat(XmlDocuments.build(xml, new ArrayList<>()).getRootElement().getChildText("title")).isEqualTo("t");
    assertThat(requests).hasValue(0);
  }

  @Test
  void billionLaughsIsRefusedUnexpandedAndQuickly() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      xml.append("<!ENTITY lol").append(i).append(" \"");
      xml.append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
    }
    xml.append("]><rss><title>&lol9;</title></rss>");
    long start = System.nanoTime();
    assertThatThrownBy(() -> XmlDocuments.build(xml.toString(), new ArrayList<>()))
        .isInstanceOf(XmlDocuments.Refused.class)
        .hasMessageContaining("&lol9;");
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(1000);
  }

  @Test
  void plainTextInternalEntitiesAreExpandedAsFeedparserDoes() throws Exception {
    String xml = "<!DOCTYPE rss [<!ENTITY site \"Example &#38; Co\"><!ENTITY owner 'Ann'>]><rss><title>&owner; of x</title></rss>";
    List<String> notes = new ArrayList<>();
    assertThat(XmlDocuments.build(xml, notes).getRootElement().getChildText("title")).isEqualTo("Ann of x");
  }

  @Test
  void htmlEntitiesResolveInAttributeValuesToo() throws Exception {
    Document doc = XmlDocuments.build("<rss><media title=\"Caf&eacute;&nbsp;&LT;1&AMP;\"/><t>&LT;b&GT;</t></rss>", new ArrayList<>());
    assertThat(doc.getRootElement().getChild("media").getAttributeValue("title")).isEqualTo("Café\u00a0<1&");
    assertThat(doc.getRootElement().getChildText("t")).isEqualTo("<b>");
  }

  @Test
  void unknownEntityIsLeftOutWithANote() throws Exception {
    List<String> notes = new ArrayList<>();
    Document doc = XmlDocuments.build("<rss><title>a&bogus;b</title></rss>", notes);
    assertThat(doc.getRootElement().getChildText("title")).isEqualTo("ab");
    assertThat(notes).singleElement().asString().contains("&bogus;");
  }

  @Test
  void cdataCommentsAndNamespacesSurviveAsRomeNeedsThem() throws Exception {
    String xml = "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><!-- c --><item>"
        + "<content:encoded><![CDATA[<p>x <!DOCTYPE html> y</p>]]></content:encoded></item></rss>";
    Document doc = XmlDocuments.build(xml, new ArrayList<>());
    assertThat(text(doc)).contains("&lt;p&gt;x &lt;!DOCTYPE html&gt; y&lt;/p&gt;</content:encoded>");
  }
}

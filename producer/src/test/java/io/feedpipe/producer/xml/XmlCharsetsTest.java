package io.feedpipe.producer.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Encoding detection as RFC 7303 orders it: BOM, then HTTP charset, then the XML declaration, then UTF-8. */
class XmlCharsetsTest {
  private static final String TEXT = "<rss version=\"2.0\"><channel><title>Grüße – €</title></channel></rss>";
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private static byte[] bytes(byte[] bom, String text, Charset charset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bom);
    out.writeBytes(text.getBytes(charset));
    return out.toByteArray();
  }

  private static byte[] bom(int... b) {
    byte[] bytes = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      bytes[i] = (byte) b[i];
    }
    return bytes;
  }

  private static String declared(String encoding) {
    return "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>" + TEXT;
  }

  private static void assertDecoded(XmlCharsets.Decoded decoded, String expected, Charset charset) {
    assertThat(decoded.text()).isEqualTo(expected);
    assertThat(decoded.charset()).isEqualTo(charset);
  }

  @Test
  void utf8WithBom() {
    assertDecoded(XmlCharsets.decode(bytes(bom(0xEF, 0xBB, 0xBF), TEXT, StandardCharsets.UTF_8), null), TEXT, StandardCharsets.UTF_8);
  }

  @Test
  void utf8WithoutBomOrDeclarationIsTheDefault() {
    XmlCharsets.Decoded decoded = XmlCharsets.decode(TEXT.getBytes(StandardCharsets.UTF_8), null);
    assertDecoded(decoded, TEXT, StandardCharsets.UTF_8);
    assertThat(decoded.notes()).isEmpty();
  }

  @Test
  void utf16LeWithBom() {
    assertDecoded(XmlCharsets.decode(bytes(bom(0xFF, 0xFE), TEXT, StandardCharsets.UTF_16LE), null), TEXT, StandardCharsets.UTF_16LE);
  }

  @Test
  void utf16BeWithBom() {
    assertDecoded(XmlCharsets.decode(bytes(bom(0xFE, 0xFF), TEXT, StandardCharsets.UTF_16BE), null), TEXT, StandardCharsets.UTF_16BE);
  }

  @Test
  void utf16LeWithoutBomFromDeclaration() {
    String doc = declared("UTF-16");
    assertDecoded(XmlCharsets.decode(doc.getBytes(StandardCharsets.UTF_16LE), null), doc, StandardCharsets.UTF_16LE);
  }

  @Test
  void utf16BeWithoutBomOrDeclarationFromTheFirstBytes() {
    assertDecoded(XmlCharsets.decode(TEXT.getBytes(StandardCharsets.UTF_16BE), null), TEXT, StandardCharsets.UTF_16BE);
  }

  @Test
  void utf32LeWithBom() {
    assertDecoded(XmlCharsets.decode(bytes(bom(0xFF, 0xFE, 0, 0), TEXT, UTF_32LE), null), TEXT, UTF_32LE);
  }

  @Test
  void utf32BeWithBom() {
    assertDecoded(XmlCharsets.decode(bytes(bom(0, 0, 0xFE, 0xFF), TEXT, UTF_32BE), null), TEXT, UTF_32BE);
  }

  @Test
  void utf32LeAndBeWithoutBomFromTheFirstBytes() {
    String doc = declared("UTF-32");
    assertDecoded(XmlCharsets.decode(doc.getBytes(UTF_32LE), null), doc, UTF_32LE);
    assertDecoded(XmlCharsets.decode(doc.getBytes(UTF_32BE), null), doc, UTF_32BE);
  }

  @Test
  void bomWinsOverAContradictingHttpCharsetAndDeclaration() {
    String doc = declared("ISO-8859-1");
    XmlCharsets.Decoded decoded = XmlCharsets.decode(bytes(bom(0xFF, 0xFE), doc, StandardCharsets.UTF_16LE), "application/rss+xml; charset=ISO-8859-1");
    assertDecoded(decoded, doc, StandardCharsets.UTF_16LE);
    assertThat(decoded.notes()).anySatisfy(n -> assertThat(n).contains("byte order mark"));
  }

  @Test
  void httpCharsetWinsOverTheDeclaration() {
    String doc = declared("UTF-8");
    String wide = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + TEXT;
    // the bytes are UTF-16; the header says so, the declaration does not
    assertDecoded(XmlCharsets.decode(doc.getBytes(StandardCharsets.UTF_16BE), "text/xml; charset=utf-16"), doc, StandardCharsets.UTF_16BE);
    // an 8-bit header over an 8-bit declaration: the header decides
    String latin = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><title>Caf\u00e9</title></channel></rss>";
    assertThat(XmlCharsets.decode(latin.getBytes(StandardCharsets.ISO_8859_1), "text/xml; charset=iso-8859-1").text()).isEqualTo(latin);
    assertThat(XmlCharsets.decode(wide.getBytes(WINDOWS_1252), "application/xml; charset = windows-1252").text()).isEqualTo(wide);
  }

  @Test
  void httpCharsetThatContradictsTheBytesIsIgnored() {
    String doc = declared("UTF-16");
    XmlCharsets.Decoded decoded = XmlCharsets.decode(doc.getBytes(StandardCharsets.UTF_16LE), "text/xml; charset=iso-8859-1");
    assertDecoded(decoded, doc, StandardCharsets.UTF_16LE);
    assertThat(decoded.notes()).anySatisfy(n -> assertThat(n).contains("HTTP charset iso-8859-1"));
  }

  @Test
  void latin1HttpCharsetOverValidUtf8DeclaredUtf8IsReadAsUtf8() {
    String doc = declared("UTF-8");
    XmlCharsets.Decoded decoded = XmlCharsets.decode(doc.getBytes(StandardCharsets.UTF_8), "application/rss+xml; charset=ISO-8859-1");
    assertDecoded(decoded, doc, StandardCharsets.UTF_8);
    assertThat(decoded.notes()).anySatisfy(n -> assertThat(n).contains("ignored"));
  }

  @Test
  void windows1252DeclaredAsIso88591IsReadAsWindows1252() {
    String doc = declared("ISO-8859-1"); // '–' and '€' exist in windows-1252 only
    XmlCharsets.Decoded decoded = XmlCharsets.decode(doc.getBytes(WINDOWS_1252), null);
    assertDecoded(decoded, doc, WINDOWS_1252);
  }

  @Test
  void undecodableUtf8FallsBackToWindows1252WithANote() {
    String doc = declared("UTF-8");
    XmlCharsets.Decoded decoded = XmlCharsets.decode(doc.getBytes(WINDOWS_1252), null);
    assertDecoded(decoded, doc, WINDOWS_1252);
    assertThat(decoded.notes()).anySatisfy(n -> assertThat(n).contains("not valid UTF-8"));
  }

  @Test
  void unknownLabelIsNotedAndTheBytesReadAsUtf8() {
    String doc = declared("x-no-such-charset");
    XmlCharsets.Decoded decoded = XmlCharsets.decode(doc.getBytes(StandardCharsets.UTF_8), "text/xml; charset=bogus");
    assertDecoded(decoded, doc, StandardCharsets.UTF_8);
    assertThat(decoded.notes()).anySatisfy(n -> assertThat(n).contains("unknown HTTP charset bogus"))
        .anySatisfy(n -> assertThat(n).contains("unknown declared encoding x-no-such-charset"));
  }

  @Test
  void declaredUtf16OverAsciiBytesIsIgnored() {
    String doc = declared("UTF-16");
    XmlCharsets.Decoded decoded = XmlCharsets.decode(doc.getBytes(StandardCharsets.UTF_8), null);
    assertDecoded(decoded, doc, StandardCharsets.UTF_8);
    assertThat(decoded.notes()).anySatisfy(n -> assertThat(n).contains("declared encoding UTF-16"));
  }
}

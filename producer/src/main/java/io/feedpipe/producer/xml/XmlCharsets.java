package io.feedpipe.producer.xml;

import io.feedpipe.producer.text.Utf8Source;
import java.io.CharArrayReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a feed document's bytes to text, once, choosing the encoding as XML over HTTP says
 * (RFC 7303 §3 and XML 1.0 Appendix F) and as lenient readers (Python's feedparser, Miniflux)
 * apply it:
 *
 * <ol>
 *   <li>a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE) wins over everything (RFC 7303 §3.3);
 *   <li>else the HTTP Content-Type's {@code charset}, unless it contradicts the bytes (an 8-bit
 *       charset for a document whose first bytes are UTF-16 or UTF-32);
 *   <li>else the XML declaration's {@code encoding}, read in the family the first bytes show
 *       ({@code <?xml} in UTF-16 or UTF-32 without a BOM), unless it contradicts that family;
 *   <li>else UTF-8.
 * </ol>
 *
 * <p>Labels are read as browsers read them (WHATWG Encoding): ISO-8859-1, Latin-1 and US-ASCII mean
 * windows-1252, whose printable characters are a superset. When the chosen encoding cannot decode
 * the bytes, the next candidate is tried (the declaration, UTF-8), and windows-1252, which decodes
 * nearly anything, ends the chain. Every departure from the first choice is noted. Pure.
 */
public final class XmlCharsets {
  private XmlCharsets() {}

  /**
   * The decoded document: its characters, without the byte order mark, as an array (what the XML
   * reader takes without another copy) and, when asked for, as a string (made once, on first use).
   */
  public static final class Decoded {
    private final char[] chars;
    private final int start;
    private final int length;
    private final Charset charset;
    private final List<String> notes;
    private final Utf8Source utf8;
    private String text;

    Decoded(char[] chars, int start, int length, Charset charset, List<String> notes, Utf8Source utf8) {
      this.chars = chars;
      this.start = start;
      this.length = length;
      this.charset = charset;
      this.notes = List.copyOf(notes);
      this.utf8 = utf8;
    }

    /** The document's characters, without the byte order mark. */
    public String text() {
      if (text == null) {
        text = new String(chars, start, length);
      }
      return text;
    }

    /** The characters as a reader, without copying them. */
    public Reader reader() {
      return new CharArrayReader(chars, start, length);
    }

    /**
     * The UTF-8 bytes behind the characters, for spans of them sent on as they are; null when the
     * document was not read as UTF-8. The reader's character {@code k} is its character {@link
     * #readerStart()} {@code + k}.
     */
    public Utf8Source utf8() {
      return utf8;
    }

    /** Where the {@link #reader()}'s first character is in {@link #utf8()}'s characters (after a BOM). */
    public int readerStart() {
      return start;
    }

    /** The encoding used. */
    public Charset charset() {
      return charset;
    }

    /** What did not agree (BOM vs header vs declaration, undecodable bytes); empty when all agreed. */
    public List<String> notes() {
      return notes;
    }
  }

  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Pattern CHARSET_PARAM = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)");
  private static final Pattern DECLARED = Pattern.compile("^\\s*<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([^\"']*)[\"']");

  /**
   * @param body the document's bytes
   * @param contentType the HTTP Content-Type when known, else null
   */
  public static Decoded decode(byte[] body, String contentType) {
    List<String> notes = new ArrayList<>(2);
    Bom bom = bom(body);
    Charset family = bom != null ? bom.charset : sniffFamily(body);
    String headerLabel = headerCharset(contentType);
    String declaredLabel = declaredEncoding(body, bom == null ? 0 : bom.length, family == null ? StandardCharsets.ISO_8859_1 : family);
    Charset header = charsetFor(headerLabel, "HTTP charset", notes);
    Charset declared = charsetFor(declaredLabel, "declared encoding", notes);

    Charset chosen;
    if (bom != null) {
      chosen = bom.charset;
      Charset other = header != null ? header : declared;
      if (other != null && !other.equals(chosen) && !(other.equals(StandardCharsets.UTF_16) && chosen.name().startsWith("UTF-16"))
          && !(other.equals(UTF_32BE) && chosen.equals(UTF_32LE))) {
        notes.add("byte order mark (" + chosen.name() + ") read over the " + (header != null ? "HTTP charset " + headerLabel : "declared encoding " + declaredLabel));
      }
    } else if (header != null && agrees(header, family)) {
      chosen = family != null ? family : header; // the bytes give a 16/32-bit encoding's byte order
    } else {
      if (header != null) {
        notes.add("HTTP charset " + headerLabel + " contradicts the document's first bytes; ignored");
      }
      if (declared != null && agrees(declared, family)) {
        chosen = family != null ? family : declared;
      } else {
        if (declared != null) {
          notes.add("declared encoding " + declaredLabel + " contradicts the document's first bytes; ignored");
        }
        chosen = family != null ? family : StandardCharsets.UTF_8;
      }
    }

    int offset = bom == null ? 0 : bom.length;
    Utf8Source asUtf8 = null; // the bytes decoded as UTF-8 once, when that is tried below and read after
    if (chosen.equals(WINDOWS_1252) && header != null && (declared == null || declared.equals(StandardCharsets.UTF_8))
        && hasNonAscii(body) && (asUtf8 = Utf8Source.decode(body, offset)) != null) {
      // A Latin-1 label over bytes that are valid, non-ASCII UTF-8 is a server default, not the
      // document's encoding: such bytes are almost never meant as windows-1252 (which would garble them).
      notes.add("HTTP charset " + headerLabel + " ignored: the bytes are UTF-8" + (declared == null ? "" : ", as the document declares"));
      chosen = StandardCharsets.UTF_8;
    }
    Set<Charset> candidates = new LinkedHashSet<>();
    candidates.add(chosen);
    if (declared != null && !wide(declared) && !wide(chosen)) {
      candidates.add(declared);
    }
    if (!wide(chosen)) {
      candidates.add(StandardCharsets.UTF_8);
    }
    for (Charset candidate : candidates) {
      if (candidate.equals(StandardCharsets.UTF_8)) {
        Utf8Source utf8 = asUtf8 != null ? asUtf8 : Utf8Source.decode(body, offset);
        if (utf8 != null) {
          if (candidate != chosen) {
            notes.add("bytes not valid " + chosen.name() + "; read as " + candidate.name());
          }
          return withoutBom(utf8.chars(), 0, utf8.length(), candidate, notes, utf8);
        }
        continue;
      }
      CharBuffer text = strictDecode(body, offset, candidate);
      if (text != null) {
        if (candidate != chosen) {
          notes.add("bytes not valid " + chosen.name() + "; read as " + candidate.name());
        }
        return withoutBom(text.array(), text.arrayOffset() + text.position(), text.remaining(), candidate, notes, null);
      }
    }
    Charset last = wide(chosen) ? chosen : WINDOWS_1252;
    if (last != chosen) {
      notes.add("bytes not valid " + chosen.name() + "; read as " + last.name());
    } else {
      notes.add("bytes not valid " + chosen.name() + "; undecodable bytes replaced");
    }
    char[] text = new String(body, offset, body.length - offset, last).toCharArray(); // replaces what it cannot decode
    return withoutBom(text, 0, text.length, last, notes, null);
  }

  private record Bom(Charset charset, int length) {}

  private static Bom bom(byte[] b) {
    if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
      return new Bom(UTF_32BE, 4);
    }
    if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
      return new Bom(UTF_32LE, 4);
    }
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return new Bom(StandardCharsets.UTF_8, 3);
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return new Bom(StandardCharsets.UTF_16BE, 2);
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return new Bom(StandardCharsets.UTF_16LE, 2);
    }
    return null;
  }

  /** XML 1.0 Appendix F without a BOM: zero bytes around the first ASCII character show a 16/32-bit encoding; null for 8-bit. */
  private static Charset sniffFamily(byte[] b) {
    if (b.length < 4) {
      return null;
    }
    if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0) {
      return UTF_32BE;
    }
    if (b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0) {
      return UTF_32LE;
    }
    if (b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0) {
      return StandardCharsets.UTF_16BE;
    }
    if (b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  private static String headerCharset(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = CHARSET_PARAM.matcher(contentType);
    return m.find() ? m.group(1) : null;
  }

  /** The declaration's encoding label, read from the first 1 KB decoded in the byte family. */
  private static String declaredEncoding(byte[] body, int offset, Charset family) {
    int length = Math.min(body.length - offset, family == UTF_32BE || family == UTF_32LE ? 4096 : 1024);
    String head = new String(body, offset, Math.max(0, length), family);
    Matcher m = DECLARED.matcher(head);
    return m.find() ? m.group(1).strip() : null;
  }

  /** The Java charset for a label, WHATWG-style aliases applied; null (with a note) when unknown. */
  static Charset charsetFor(String label, String what, List<String> notes) {
    if (label == null || label.isBlank()) {
      return null;
    }
    String l = label.strip().toLowerCase(Locale.ROOT);
    switch (l) {
      case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "ansi_x3.4-1968", "cp1252", "x-cp1252" -> {
        return WINDOWS_1252;
      }
      case "utf8", "unicode-1-1-utf-8" -> {
        return StandardCharsets.UTF_8;
      }
      case "utf-16", "unicode", "ucs-2", "iso-10646-ucs-2" -> {
        return StandardCharsets.UTF_16; // big-endian unless a BOM or the bytes say otherwise
      }
      case "utf-32", "ucs-4", "iso-10646-ucs-4" -> {
        return UTF_32BE;
      }
      default -> {
        // fall through to Java's names
      }
    }
    try {
      return Charset.forName(l);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      notes.add("unknown " + what + " " + label + " ignored");
      return null;
    }
  }

  private static boolean wide(Charset c) {
    String n = c.name();
    return n.startsWith("UTF-16") || n.startsWith("UTF-32") || n.equals("X-UTF-32BE-BOM") || n.equals("X-UTF-32LE-BOM");
  }

  /** Whether a label fits the bytes: an 8-bit label for 8-bit bytes, a 16-bit (32-bit) label for 16-bit (32-bit) bytes. */
  private static boolean agrees(Charset label, Charset family) {
    if (family == null) {
      return !wide(label);
    }
    return wide(label) && label.name().substring(0, 6).equals(family.name().substring(0, 6));
  }

  /**
   * The bytes decoded, or null when they are not valid in {@code charset}. A strict decoder into a
   * char array: with the C1 compiler of a one-shot run it is faster than decoding to a String and
   * looking for the U+FFFD it put in place of malformed input, and the array goes to the XML reader
   * without another copy.
   */
  private static CharBuffer strictDecode(byte[] body, int offset, Charset charset) {
    try {
      return charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body, offset, body.length - offset));
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean hasNonAscii(byte[] body) {
    for (byte b : body) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  /** The decoded text without a leading U+FEFF (a byte order mark the decoder kept). */
  private static Decoded withoutBom(char[] chars, int start, int length, Charset charset, List<String> notes, Utf8Source utf8) {
    if (length > 0 && chars[start] == '\uFEFF') {
      return new Decoded(chars, start + 1, length - 1, charset, notes, utf8);
    }
    return new Decoded(chars, start, length, charset, notes, utf8);
  }
}

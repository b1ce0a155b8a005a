package io.feedpipe.producer.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.text.SourceChars;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueRepairTest {
  private final List<String> notes = new ArrayList<>();
  private final URI base = URI.create("https://blog.example.org/feed.xml");

  @Test
  void cleanValueIsKeptAsIsWithoutNote() {
    assertThat(ValueRepair.singleLine("title", "Café <b>ok</b> 😀", 100, notes)).isEqualTo("Café <b>ok</b> 😀");
    assertThat(ValueRepair.multiLine("contentHtml", "<p>a\n\tb\r\n</p>", notes)).isEqualTo("<p>a\n\tb\r\n</p>");
    assertThat(notes).isEmpty();
  }

  @Test
  void aLongValueIsReadFromTheArrayItWasMadeFromUpToItsOwnLength() {
    // The XML reader's array (SourceChars) may be longer than the text: what lies beyond is not the value's.
    int length = SourceChars.MIN_LENGTH + 100;
    char[] chars = new char[length + 50];
    Arrays.fill(chars, '’');
    Arrays.fill(chars, length, chars.length, '\u0000');
    chars[7] = '\u0007';
    try {
      String dirty = SourceChars.adopt(chars, length);
      String clean = SourceChars.adopt(Arrays.copyOfRange(chars, 8, chars.length), length - 8);
      assertThat(ValueRepair.multiLine("contentHtml", clean, notes)).isSameAs(clean);
      assertThat(notes).isEmpty();
      assertThat(ValueRepair.multiLine("contentHtml", dirty, notes)).isEqualTo(dirty.replace("\u0007", "")).hasSize(length - 1);
      assertThat(notes).containsExactly("contentHtml: 1 control character removed");
      assertThat(ValueRepair.singleLine("title", dirty, 10, new ArrayList<>())).isEqualTo("’".repeat(10));
    } finally {
      SourceChars.release();
    }
  }

  @Test
  void nulAndOtherControlCharactersAreRemovedAndCounted() {
    assertThat(ValueRepair.singleLine("title", "a\u0000b\u0007c\u009Bd\u007F", 100, notes)).isEqualTo("abcd");
    assertThat(notes).containsExactly("title: 4 control characters removed");
  }

  @Test
  void lineBreaksInOneLineFieldsBecomeSpacesButStayInHtml() {
    assertThat(ValueRepair.singleLine("title", "Part\none\tof\r\ntwo", 100, notes)).isEqualTo("Part one of  two");
    assertThat(ValueRepair.multiLine("contentHtml", "<p>\n</p>\u0000", notes)).isEqualTo("<p>\n</p>");
    assertThat(notes).containsExactly("title: 4 tabs or line breaks replaced by a space", "contentHtml: 1 control character removed");
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    assertThat(ValueRepair.singleLine("title", "a\uD800b\uDC00😀", 100, notes)).isEqualTo("a\uFFFDb\uFFFD😀");
    assertThat(notes).containsExactly("title: 2 unpaired surrogates replaced by U+FFFD");
  }

  @Test
  void noncharactersAreRemoved() {
    assertThat(ValueRepair.singleLine("title", "a\uFFFEb\uFFFF\uFDD0c" + new String(Character.toChars(0x10FFFF)), 100, notes))
        .isEqualTo("abc");
    assertThat(notes).containsExactly("title: 4 noncharacters removed");
  }

  @Test
  void everyCharacterOfTheBasicPlaneIsKeptOrRepairedByTheRules() {
    for (int c = 0; c <= 0xFFFF; c++) {
      String value = "a" + (char) c + "b";
      boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
      boolean nonchar = (c >= 0xFDD0 && c <= 0xFDEF) || c >= 0xFFFE;
      boolean kept = !control && !nonchar && !Character.isSurrogate((char) c);
      boolean keptInHtml = kept || c == '\t' || c == '\n' || c == '\r';
      assertThat(ValueRepair.isClean(value, false)).as("U+%04X in a one-line value", c).isEqualTo(kept);
      assertThat(ValueRepair.isClean(value, true)).as("U+%04X in HTML", c).isEqualTo(keptInHtml);
      assertThat(ValueRepair.multiLine("contentHtml", value, new ArrayList<>()).equals(value)).as("U+%04X kept in HTML", c)
          .isEqualTo(keptInHtml);
    }
  }

  @Test
  void longValueIsCutWithoutSplittingASurrogatePair() {
    assertThat(ValueRepair.singleLine("title", "abc😀d", 4, notes)).isEqualTo("abc");
    assertThat(notes).containsExactly("title: cut to 4 characters (was 6)");
  }

  @Test
  void namesAreBoundedInLengthAndNumber() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      names.add("name\u0000" + i + "x".repeat(i * 10));
    }
    List<String> kept = ValueRepair.names("authors", names, 12, 3, notes);
    assertThat(kept).containsExactly("name0", "name1xxxxxxx", "name2xxxxxxx");
    assertThat(notes).containsExactly("authors: 3 control characters removed", "authors: 2 names cut to 12 characters",
        "authors: only the first 3 of 5 kept");
  }

  @Test
  void httpLinkIsKeptAsGiven() {
    assertThat(ValueRepair.httpUrl("link", "https://x.org/a?utm_source=rss#f", base, 4096, notes)).isEqualTo("https://x.org/a?utm_source=rss#f");
    assertThat(notes).isEmpty();
  }

  @Test
  void refusesScriptDataFileAndOtherSchemes() {
    for (String url : List.of("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "vbscript:msgbox", "file:///etc/passwd",
        "ftp://x.org/", "mailto:a@b.org")) {
      assertThat(ValueRepair.httpUrl("link", url, base, 4096, notes)).as(url).isNull();
    }
    assertThat(notes).first().isEqualTo("link: scheme 'javascript' is not allowed, dropped");
    assertThat(notes).hasSize(7).allMatch(n -> n.startsWith("link: scheme '"));
  }

  @Test
  void refusesSchemesHiddenByTabsNewlinesAndLeadingControls() {
    // Browsers remove tabs and newlines anywhere in a URL and strip leading controls and spaces.
    assertThat(ValueRepair.httpUrl("link", "java\tscript:alert(1)", base, 4096, notes)).isNull();
    assertThat(ValueRepair.httpUrl("link", "jav\na\rscript:alert(1)", base, 4096, notes)).isNull();
    assertThat(ValueRepair.httpUrl("link", " \u0001javascript:alert(1)", base, 4096, notes)).isNull();
    assertThat(notes).containsOnly("link: scheme 'javascript' is not allowed, dropped");
  }

  @Test
  void relativeLinkIsResolvedAgainstTheBase() {
    assertThat(ValueRepair.httpUrl("link", "/2025/post", base, 4096, notes)).isEqualTo("https://blog.example.org/2025/post");
    assertThat(notes).containsExactly("link: relative, resolved against https://blog.example.org/feed.xml");
    assertThat(ValueRepair.httpUrl("link", "post", null, 4096, notes)).isNull();
  }

  @Test
  void malformedOrOverlongLinkIsDropped() {
    assertThat(ValueRepair.httpUrl("link", "http://[broken", base, 4096, notes)).isNull();
    assertThat(ValueRepair.httpUrl("link", "https:///nohost", base, 4096, notes)).isNull();
    assertThat(ValueRepair.httpUrl("link", "https://x.org/" + "a".repeat(5000), base, 4096, notes)).isNull();
    assertThat(notes).containsExactly("link: malformed, dropped", "link: malformed, dropped",
        "link: longer than 4096 characters (5014), dropped");
  }

  @Test
  void illegalCharactersInALinkArePercentEncoded() {
    assertThat(ValueRepair.httpUrl("link", "https://x.org/a b|c\n", base, 4096, notes)).isEqualTo("https://x.org/a%20b%7Cc");
    assertThat(notes).hasSize(1).allMatch(n -> n.startsWith("link: spaces, controls or characters a URL may not hold"));
  }

  @Test
  void datesOutsideTheRangeAreDropped() {
    Instant earliest = Instant.parse("1970-01-01T00:00:00Z");
    Instant latest = Instant.parse("2200-01-01T00:00:00Z");
    assertThat(ValueRepair.date("publishedAt", Instant.parse("2025-01-01T00:00:00Z"), earliest, latest, notes)).isNotNull();
    assertThat(ValueRepair.date("publishedAt", Instant.parse("1969-12-31T23:59:59Z"), earliest, latest, notes)).isNull();
    assertThat(ValueRepair.date("updatedAt", Instant.parse("+302025-01-01T00:00:00Z"), earliest, latest, notes)).isNull();
    assertThat(ValueRepair.date("updatedAt", Instant.MAX, earliest, latest, notes)).isNull();
    assertThat(notes).hasSize(3).first().isEqualTo("publishedAt: 1969-12-31T23:59:59Z is outside 1970-01-01..2200-01-01, dropped");
  }
}

package io.feedpipe.producer.map;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlCutTest {
  @Test
  void htmlThatFitsIsUntouched() {
    assertThat(HtmlCut.toBytes("<p>a</p>", 8)).isEqualTo("<p>a</p>");
  }

  @Test
  void cutsAfterTheLastBlockThatFits() {
    String html = "<p>one two</p><p>three four</p><p>five six seven</p>";
    assertThat(HtmlCut.toBytes(html, 40)).isEqualTo("<p>one two</p><p>three four</p>");
  }

  @Test
  void lineBreakAndListItemAreBlockBoundaries() {
    assertThat(HtmlCut.toBytes("line one<br/>line two<BR>line three and more", 25)).isEqualTo("line one<br/>line two<BR>");
    assertThat(HtmlCut.toBytes("<ul><li>a</li><li>bbbbbbbbbbbbbb</li></ul>", 20)).isEqualTo("<ul><li>a</li>");
  }

  @Test
  void withoutANearBlockBoundaryCutsAtWhitespace() {
    assertThat(HtmlCut.toBytes("words and more words and yet more words", 22)).isEqualTo("words and more words ");
  }

  @Test
  void neverCutsInsideATagOrAnEntity() {
    assertThat(HtmlCut.toBytes("abcdefghij<a href=\"https://x.org\">x</a>", 20)).isEqualTo("abcdefghij");
    assertThat(HtmlCut.toBytes("abcdefghijklmn&amp;opq", 17)).isEqualTo("abcdefghijklmn");
  }

  @Test
  void neverSplitsASurrogatePairOrAMultiByteCharacter() {
    String cut = HtmlCut.toBytes("ab😀😀😀", 7);
    assertThat(cut).isEqualTo("ab😀");
    assertThat(HtmlCut.toBytes("éééé", 3)).isEqualTo("é");
  }
}

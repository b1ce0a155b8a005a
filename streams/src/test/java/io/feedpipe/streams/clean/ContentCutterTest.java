package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ContentCutterTest {

  private static final HtmlCleaner CLEANER = new HtmlCleaner(CleanerConfig.defaults());

  @Test
  void contentWithinTheBudgetIsLeftAsItIs() {
    assertThat(ContentCutter.cutHtml("<p>one</p><p>two</p>", 100)).isEqualTo("<p>one</p><p>two</p>");
    assertThat(ContentCutter.cutText("one\n\ntwo", 100)).isEqualTo("one\n\ntwo");
  }

  @Test
  void htmlIsCutAfterTheLastBlockThatFits() {
    String html = "<p>one</p><p>two</p><p>three</p>";
    assertThat(ContentCutter.cutHtml(html, 25)).isEqualTo("<p>one</p><p>two</p>");
  }

  @Test
  void elementsOpenAtTheCutAreClosed() {
    String html = "<div><ul><li>one</li><li>two</li><li>three</li></ul><p>after</p></div>";
    String cut = ContentCutter.cutHtml(html, 45);
    assertThat(cut).isEqualTo("<div><ul><li>one</li><li>two</li></ul></div>");
    assertThat(ContentCutter.utf8Length(cut)).isLessThanOrEqualTo(45);
  }

  @Test
  void oneHugeParagraphIsCutBetweenCharactersNeverInsideAnEntityOrAPair() {
    String html = "<p>" + "a &amp; \uD83D\uDE00 ".repeat(1000) + "</p>";
    for (int budget = 20; budget < 200; budget++) {
      String cut = ContentCutter.cutHtml(html, budget);
      assertThat(ContentCutter.utf8Length(cut)).isLessThanOrEqualTo(budget);
      assertThat(cut).startsWith("<p>").endsWith("</p>");
      assertThat(cut).doesNotContainPattern("&[a-z]*<").doesNotContainPattern("[\uD800-\uDBFF]<");
    }
  }

  @Test
  void cuttingRealCleanedHtmlKeepsItWellFormedAndWithinTheBudget() {
    StringBuilder source = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      source.append("<h2>Part ").append(i).append("</h2><p>Some <b>bold</b> and <a href=\"https://example.org/").append(i)
          .append("\">a link</a> &amp; more — ünïcödé 😀.</p><ul><li>x</li><li><i>y</i></li></ul><blockquote><p>q</p></blockquote>");
    }
    String html = CLEANER.clean(source.toString(), "https://example.org/").html();
    for (long budget : new long[] {100, 1_000, 10_000, 50_000}) {
      String cut = ContentCutter.cutHtml(html, budget);
      assertThat(ContentCutter.utf8Length(cut)).isLessThanOrEqualTo(budget);
      assertThat(html).startsWith(cut.substring(0, Math.max(0, cut.lastIndexOf("</") > 0 ? firstClosingRun(cut) : cut.length())));
      assertBalanced(cut);
    }
  }

  @Test
  void textIsCutAtTheLastBlankLineThatFits() {
    assertThat(ContentCutter.cutText("first block\n\nsecond block\n\nthird block", 30)).isEqualTo("first block\n\nsecond block");
    assertThat(ContentCutter.cutText("a very long line of words without breaks", 12)).isEqualTo("a very long");
  }

  @Test
  void textIsNeverCutInsideASurrogatePair() {
    String text = "\uD83D\uDE00".repeat(100);
    for (int budget = 1; budget < 20; budget++) {
      String cut = ContentCutter.cutText(text, budget);
      assertThat(cut.length() % 2).isZero();
      assertThat(ContentCutter.utf8Length(cut)).isLessThanOrEqualTo(budget);
    }
  }

  /** Where the end tags added by the cut begin (the cut keeps a prefix of the input up to there). */
  private static int firstClosingRun(String cut) {
    int i = cut.length();
    while (i > 0) {
      int start = cut.lastIndexOf("</", i - 1);
      if (start < 0 || cut.indexOf('>', start) != i - 1) {
        break;
      }
      i = start;
    }
    return i;
  }

  private static void assertBalanced(String html) {
    Matcher m = Pattern.compile("<(/?)([a-z0-9]+)[^>]*>").matcher(html);
    Deque<String> open = new ArrayDeque<>();
    while (m.find()) {
      String name = m.group(2);
      if (name.equals("br") || name.equals("img") || name.equals("hr")) {
        continue;
      }
      if (m.group(1).isEmpty()) {
        open.push(name);
      } else {
        assertThat(open.pop()).as("end tag in " + html).isEqualTo(name);
      }
    }
    assertThat(open).as("open at the end of " + html).isEmpty();
  }
}

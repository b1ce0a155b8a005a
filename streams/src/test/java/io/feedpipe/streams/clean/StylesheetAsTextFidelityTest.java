package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A post's MathJax stylesheet cleans to the same text whether it came as a {@code <style>} element
 * or flattened into the text (as the seed aggregator page showed it), and prose or code with
 * braces comes out as it went in.
 */
class StylesheetAsTextFidelityTest {

  private final HtmlCleaner cleaner = new HtmlCleaner(CleanerConfig.defaults());

  static Stream<LessWrongCleaningTest.Post> postsWithStylesheets() {
    return LessWrongCleaningTest.posts().filter(post -> post.html().contains("<style>"));
  }

  @Test
  void fixtureHasPostsWithStylesheets() {
    assertThat(postsWithStylesheets().count()).isGreaterThanOrEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("postsWithStylesheets")
  void stylesheetAsTextCleansLikeStylesheetAsElement(LessWrongCleaningTest.Post post) {
    String asElement = post.html();
    String asText = asElement.replace("<style>", "").replace("</style>", "");
    assertThat(asText).contains(".mjx-chtml {display: inline-block").doesNotContain("<style");

    CleanedContent fromElement = cleaner.clean(asElement, post.link());
    CleanedContent fromText = cleaner.clean(asText, post.link());

    assertThat(fromText.text()).isEqualTo(fromElement.text());
    assertThat(fromText.text()).doesNotContain("mjx-").doesNotContain("@font-face");
    assertThat(CleanedTextAssertions.CSS_RULE.matcher(fromText.text()).find()).as("CSS rule in text").isFalse();
    assertThat(fromText.html()).doesNotContain("mjx-").doesNotContain("font-family");
    assertThat(fromText.wordCount()).isEqualTo(fromElement.wordCount());
    String expected = Fixtures.read("lesswrong/expected-text/" + post.guid() + ".txt");
    assertThat(WordSimilarity.similarity(fromText.text(), expected)).isGreaterThanOrEqualTo(0.99);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<p>To pass options, use {x: 1} as the second argument.</p>",
      "<p>The set {1, 2, 3} has three members; a {x: 1} and b {y: 2} are maps.</p>",
      "<p>Greet with Hello {{name}}, then \\frac{a}{b}.</p>",
      "<pre>.mjx-chtml {display: inline-block; line-height: 0}\n.a {color: red}\n@media print { .b {display: none} }</pre>",
      "<p>In CSS, <code>.note {color: red} .warn {color: orange}</code> colours the boxes.</p>",
      "<p>Call <code>f({a: 1})</code> and read {\"a\": {\"b\": 2}}.</p>",
  })
  void proseAndCodeWithBracesAreUnchanged(String html) {
    HtmlCleaner plain = new HtmlCleaner(CleanerConfig.defaults());
    String text = plain.clean(html, "https://example.org/post").text();
    String withoutCssPass = org.jsoup.Jsoup.parseBodyFragment(html).body().wholeText().strip();

    assertThat(Whitespace.collapse(text)).isEqualTo(Whitespace.collapse(withoutCssPass));
  }
}

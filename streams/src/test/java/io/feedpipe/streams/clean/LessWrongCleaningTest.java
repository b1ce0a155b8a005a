package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's first real source: every post of the LessWrong fixture feed cleans to the text the
 * seed page showed (minus its leaked MathJax CSS), word for word.
 */
class LessWrongCleaningTest {

  /** The page lost some math typography ("10L" for 10^L); the rest must agree. */
  private static final double MIN_SIMILARITY = 0.99;

  private static final List<Post> POSTS = readFeed();

  private final HtmlCleaner cleaner = new HtmlCleaner(CleanerConfig.defaults());

  record Post(String guid, String title, String link, String html) {
    @Override
    public String toString() {
      return title;
    }
  }

  private static List<Post> readFeed() {
    Document feed = Jsoup.parse(Fixtures.read("lesswrong/feed.xml"), "", Parser.xmlParser());
    return feed.select("item").stream()
        .map(
            item ->
                new Post(
                    childText(item, "guid"),
                    childText(item, "title"),
                    childText(item, "link"),
                    item.selectFirst("description").wholeText()))
        .toList();
  }

  static Stream<Post> posts() {
    return POSTS.stream();
  }

  @Test
  void feedHoldsTwentyPostsEachWithReferenceText() {
    Map<String, String> titlesByGuid =
        Fixtures.read("lesswrong/expected-text/INDEX.tsv")
            .lines()
            .skip(1)
            .map(line -> line.split("\t"))
            .collect(Collectors.toMap(f -> f[0], f -> f[1]));
    assertThat(POSTS).hasSize(20);
    for (Post post : POSTS) {
      assertThat(titlesByGuid).containsEntry(post.guid(), post.title());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("posts")
  void postCleansToTheReferenceTextWithoutCssOrBoilerplate(Post post) {
    CleanedContent cleaned = cleaner.clean(post.html(), post.link());
    String text = cleaned.text();

    assertThat(text).doesNotContain("mjx-chtml").doesNotContain("@font-face");
    assertThat(CleanedTextAssertions.CSS_RULE.matcher(text).find())
        .as("CSS rule in text")
        .isFalse();
    assertThat(text).doesNotStartWith("Published on").doesNotEndWith("Discuss");
    assertThat(cleaned.html())
        .doesNotContain("Published on")
        .doesNotContain(">Discuss</a>")
        .doesNotContain("<style")
        .doesNotContain("mjx-");
    CleanedTextAssertions.assertPlainText(text, post.title());
    CleanedTextAssertions.assertSafeHtml(cleaned.html(), post.title());

    String expected = Fixtures.read("lesswrong/expected-text/" + post.guid() + ".txt");
    assertThat(WordSimilarity.similarity(text, expected))
        .as("word similarity with expected-text/%s.txt", post.guid())
        .isGreaterThanOrEqualTo(MIN_SIMILARITY);
    assertThat(cleaned.wordCount()).isEqualTo(WordSimilarity.words(text).size());
  }

  @Test
  void mathBecomesItsFormulaInPlace() {
    Post post = byTitle("Algorithmic thermodynamics and three types of optimization");
    CleanedContent cleaned = cleaner.clean(post.html(), post.link());

    assertThat(cleaned.text()).contains("Let X denote the space of macrostates");
    assertThat(cleaned.html()).contains("Let&nbsp;<span><span class=\"math\">X</span></span>");
  }

  @Test
  void mathKeepsTheFormulaFromAriaLabelRatherThanTheGlyphs() {
    Post post = byTitle("AI in 2025: gestalt");
    assertThat(cleaner.clean(post.html(), post.link()).text()).contains("held by 1 in 10^L humans");
  }

  @Test
  void outboundLinksAreAbsoluteAndLeaveOutTheDiscussLink() {
    Post post = byTitle("[Paper] Does Self-Evaluation Enable Wireheading in Language Models?");
    CleanedContent cleaned = cleaner.clean(post.html(), post.link());

    assertThat(cleaned.outboundLinks())
        .isNotEmpty()
        .allSatisfy(url -> assertThat(url).startsWith("https://"))
        .noneMatch(url -> url.endsWith("#comments"))
        .doesNotHaveDuplicates();
  }

  @Test
  void everyPostGetsAnExcerptWithinTheConfiguredLength() {
    for (Post post : POSTS) {
      String excerpt = cleaner.clean(post.html(), post.link()).excerpt();
      assertThat(excerpt).as(post.title()).isNotBlank().doesNotContain("\n");
      assertThat(excerpt.length())
          .as(post.title())
          .isLessThanOrEqualTo(CleanerConfig.DEFAULT_EXCERPT_MAX_CHARS + " …".length());
    }
  }

  private Post byTitle(String title) {
    return POSTS.stream().filter(p -> p.title().equals(title)).findFirst().orElseThrow();
  }

  private static String childText(Element item, String name) {
    return item.selectFirst(name).text();
  }
}

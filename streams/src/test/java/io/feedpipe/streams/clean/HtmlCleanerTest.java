package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlCleanerTest {

  private static final String BASE = "https://example.com/posts/42/title";

  private final HtmlCleaner cleaner = new HtmlCleaner(CleanerConfig.defaults());

  private String text(String html) {
    return cleaner.clean(html, BASE).text();
  }

  private String html(String html) {
    return cleaner.clean(html, BASE).html();
  }

  // ---- Plain text: the document's shape ----
  @Test
  void separatesBlocksByOneBlankLine() {
    assertThat(text("<p>One</p>\n\n<p>Two</p><div>Three</div><p></p><p>Four</p>"))
        .isEqualTo("One\n\nTwo\n\nThree\n\nFour");
  }

  @Test
  void breaksTheLineAtBrAndNeverLeavesMoreThanOneBlankLine() {
    assertThat(text("a<br>b")).isEqualTo("a\nb");
    assertThat(text("a<br><br>b")).isEqualTo("a\n\nb");
    assertThat(text("a<br><br><br><br>b")).isEqualTo("a\n\nb");
    assertThat(text("<p>a</p><br><br><p>b</p>")).isEqualTo("a\n\nb");
  }

  @Test
  void putsListItemsOnePerLineWithDashMarkers() {
    assertThat(text("<p>Intro</p><ul><li>a</li><li>b</li></ul><p>After</p>"))
        .isEqualTo("Intro\n\n- a\n- b\n\nAfter");
  }

  @Test
  void numbersOrderedListsFromTheirStart() {
    assertThat(text("<ol><li>x</li><li>y</li></ol>")).isEqualTo("1. x\n2. y");
    assertThat(text("<ol start=\"3\"><li>x</li><li>y</li></ol>")).isEqualTo("3. x\n4. y");
  }

  @Test
  void indentsNestedListsUnderTheirItem() {
    assertThat(text("<ul><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li><li>d</li></ul>"))
        .isEqualTo("- a\n  - b\n    1. c\n- d");
  }

  @Test
  void indentsListsNestedDirectlyInAList() {
    // LessWrong's editor writes <ul><li>a</li><ul><li>b</li></ul></ul>
    assertThat(text("<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>"))
        .isEqualTo("- a\n  - b\n- c");
  }

  @Test
  void keepsParagraphsInsideListItemsOnePerLine() {
    assertThat(text("<ol><li><p>a</p><p>more</p></li><li><p>b</p></li></ol>"))
        .isEqualTo("1. a\n   more\n2. b");
  }

  @Test
  void prefixesBlockquoteLines() {
    assertThat(
            text(
                "<p>Before</p><blockquote><p>One</p><p>Two<br>Three</p></blockquote>"
                    + "<p>After</p>"))
        .isEqualTo("Before\n\n> One\n>\n> Two\n> Three\n\nAfter");
  }

  @Test
  void prefixesNestedBlockquotesPerLevel() {
    assertThat(text("<blockquote>a<blockquote>b</blockquote></blockquote>"))
        .isEqualTo("> a\n>\n> > b");
  }

  @Test
  void putsHeadingsOnTheirOwnLine() {
    assertThat(text("Intro<h2>Title</h2>Body")).isEqualTo("Intro\n\nTitle\n\nBody");
  }

  @Test
  void normalizesWhitespace() {
    assertThat(text("<p>  a \n\t b&nbsp;&nbsp;c  </p>  <p> d </p>  ")).isEqualTo("a b c\n\nd");
  }

  @Test
  void addsNoSpaceBetweenInlineElements() {
    assertThat(text("<p>un<b>believ</b>able, <i>really</i>.</p>"))
        .isEqualTo("unbelievable, really.");
  }

  @Test
  void keepsLinkTextButNotTheUrl() {
    assertThat(text("<p>See <a href=\"https://example.org/x\">the paper</a>.</p>"))
        .isEqualTo("See the paper.");
  }

  @Test
  void keepsIndentationInsidePre() {
    assertThat(text("<p>Code:</p><pre>if x:\n    return 1   \n</pre><p>Done</p>"))
        .isEqualTo("Code:\n\nif x:\n    return 1\n\nDone");
  }

  @Test
  void putsTableRowsOnLinesAndSeparatesCells() {
    assertThat(text("<table><tr><th>a</th><th>b</th></tr><tr><td>c</td><td>d</td></tr></table>"))
        .isEqualTo("a | b\nc | d");
  }

  @Test
  void decodesEntitiesInTextAndEscapesThemAgainInHtml() {
    CleanedContent cleaned =
        cleaner.clean("<p>Tom &amp; Jerry &lt;3 &eacute;t&eacute; &#x27;q&#x27;</p>", BASE);

    assertThat(cleaned.text()).isEqualTo("Tom & Jerry <3 été 'q'");
    assertThat(cleaned.html()).isEqualTo("<p>Tom &amp; Jerry &lt;3 été 'q'</p>");
  }

  @Test
  void escapesMixedTextNodesAndCopiesPlainOnes() {
    // Text nodes with and without characters to escape take different paths through the writers.
    CleanedContent cleaned = cleaner.clean("<p>plain</p><p>a&nbsp;b</p><p>c&nbsp;&lt;d&nbsp;&amp;</p><p>\u0000e</p>", BASE);

    assertThat(cleaned.text()).isEqualTo("plain\n\na b\n\nc <d &\n\ne");
    assertThat(cleaned.html()).isEqualTo("<p>plain</p><p>a&nbsp;b</p><p>c&nbsp;&lt;d&nbsp;&amp;</p><p>e</p>");
  }

  @Test
  void givesEmptyContentForNullOrBlankInput() {
    assertThat(cleaner.clean(null, BASE)).isEqualTo(new CleanedContent("", "", "", 0, List.of()));
    assertThat(cleaner.clean(" \n ", null).text()).isEmpty();
  }

  @Test
  void cleansPlainTextInputToo() {
    assertThat(text("Just   some text.")).isEqualTo("Just some text.");
  }

  // ---- Dropped content ----
  @Test
  void dropsStyleScriptNoscriptTemplateAndHeadFromTextAndHtml() {
    CleanedContent cleaned =
        cleaner.clean(
            "<head><title>T</title><style>p{color:red}</style></head>"
                + "<p>a</p><script>alert(1)</script><noscript>enable js</noscript>"
                + "<template><p>tpl</p></template><style>.x { display: none }</style><p>b</p>",
            BASE);

    assertThat(cleaned.text()).isEqualTo("a\n\nb");
    assertThat(cleaned.html()).isEqualTo("<p>a</p><p>b</p>");
  }

  @Test
  void neverLetsMathJaxCssIntoText() {
    String text =
        text(
            "<p>x</p><style>.mjx-chtml {display: inline-block; line-height: 0}"
                + " @font-face {font-family: MJXc-TeX-ams-R; src: local('MathJax_AMS')}</style>");

    assertThat(text).isEqualTo("x");
  }

  @Test
  void dropsEmbeddedAndInteractiveElements() {
    CleanedContent cleaned =
        cleaner.clean(
            "<p>a</p><iframe src=\"https://evil.example\">frame text</iframe>"
                + "<object data=\"x.swf\"><param name=a value=b>fallback</object>"
                + "<embed src=\"x.swf\"><form action=\"/steal\"><input name=q>"
                + "<button>Go</button><label>Label</label></form><p>b</p>",
            BASE);

    assertThat(cleaned.html())
        .doesNotContain("<iframe", "<object", "<embed", "<form", "<input", "<button", "frame text");
    assertThat(cleaned.text()).isEqualTo("a\n\nLabel\n\nb");
  }

  @Test
  void unwrapsUnknownAndPresentationalTagsKeepingTheirText() {
    CleanedContent cleaned =
        cleaner.clean(
            "<section><font color=red>Hello</font> <center>world</center></section>", BASE);

    assertThat(cleaned.html()).isEqualTo("Hello world");
    assertThat(cleaned.text()).isEqualTo("Hello\n\nworld");
  }

  @Test
  void dropsCommentsFromBoth() {
    CleanedContent cleaned =
        cleaner.clean("<p>a<!-- secret --><!--[if IE]>b<![endif]--></p>", BASE);

    assertThat(cleaned.text()).isEqualTo("a");
    assertThat(cleaned.html()).isEqualTo("<p>a</p>");
  }

  // ---- Math ----
  @Test
  void replacesMathJaxCommonHtmlWithItsAriaLabel() {
    CleanedContent cleaned =
        cleaner.clean(
            "<p>Let <span><span class=\"mjpage\"><span class=\"mjx-chtml\">"
                + "<span class=\"mjx-math\" aria-label=\"10^L\"><span class=\"mjx-mrow\""
                + " aria-hidden=\"true\"><span class=\"mjx-mn\">10</span><span"
                + " class=\"mjx-mi\">L</span></span></span></span></span></span>"
                + "<style>.mjx-chtml {display: inline-block}</style> denote it.</p>",
            BASE);

    assertThat(cleaned.text()).isEqualTo("Let 10^L denote it.");
    assertThat(cleaned.html())
        .isEqualTo("<p>Let <span><span class=\"math\">10^L</span></span> denote it.</p>");
  }

  @Test
  void prefersTheTexAnnotation() {
    assertThat(
            text(
                "<p>so <math alttext=\"alt\"><semantics><msup><mi>x</mi><mn>2</mn></msup>"
                    + "<annotation encoding=\"application/x-tex\">x^2</annotation>"
                    + "</semantics></math> holds</p>"))
        .isEqualTo("so x^2 holds");
  }

  @Test
  void usesMathMlAlttextWhenThereIsNoTex() {
    assertThat(text("<p><math alttext=\"a squared\"><msup><mi>a</mi><mn>2</mn></msup></math></p>"))
        .isEqualTo("a squared");
  }

  @Test
  void fallsBackToTheMathMlText() {
    assertThat(text("<p>is <math><mi>a</mi><mo>+</mo><mn>1</mn></math></p>")).isEqualTo("is a+1");
  }

  @Test
  void readsMathJax3SvgOnceFromItsAssistiveMathMl() {
    CleanedContent cleaned =
        cleaner.clean(
            "<p>take <mjx-container class=\"MathJax\" jax=\"SVG\"><svg viewBox=\"0 0 10 10\">"
                + "<style>g{fill:red}</style><g data-mml-node=\"math\"><path d=\"M1 1\"/></g>"
                + "<title>glyphs</title></svg><mjx-assistive-mml display=\"inline\"><math>"
                + "<mi>y</mi></math></mjx-assistive-mml></mjx-container> now</p>",
            BASE);

    assertThat(cleaned.text()).isEqualTo("take y now");
    assertThat(cleaned.html()).isEqualTo("<p>take <span class=\"math\">y</span> now</p>");
  }

  @Test
  void readsMathJax3TexAnnotationWhenPresent() {
    assertThat(
            text(
                "<mjx-container class=\"MathJax\" jax=\"CHTML\"><mjx-math aria-hidden=\"true\">"
                    + "<mjx-mi>y</mjx-mi></mjx-math><mjx-assistive-mml><math><semantics><mi>y"
                    + "</mi><annotation encoding=\"application/x-tex\">\\hat y</annotation>"
                    + "</semantics></math></mjx-assistive-mml></mjx-container>"))
        .isEqualTo("\\hat y");
  }

  @Test
  void readsInPageMathJax2FromItsTexScriptAndSkipsTheRendering() {
    assertThat(
            text(
                "<p>so <span class=\"MathJax_Preview\">x2</span><span class=\"MathJax\""
                    + " role=\"presentation\"><span class=\"math\"><span>x</span><span>2</span>"
                    + "</span><span class=\"MJX_Assistive_MathML\"><math><msup><mi>x</mi>"
                    + "<mn>2</mn></msup></math></span></span>"
                    + "<script type=\"math/tex\">x^2</script> holds</p>"))
        .isEqualTo("so x^2 holds");
  }

  @Test
  void dropsStrayAssistiveCopies() {
    assertThat(
            text(
                "<p>a <span class=\"MJX_Assistive_MathML\"><math><mi>z</mi></math></span>"
                    + "<mjx-assistive-mml><math><mi>z</mi></math></mjx-assistive-mml>b</p>"))
        .isEqualTo("a b");
  }

  @Test
  void readsKatexFromItsTexAnnotation() {
    assertThat(
            text(
                "<p><span class=\"katex\"><span class=\"katex-mathml\"><math><semantics>"
                    + "<mi>k</mi><annotation encoding=\"application/x-tex\">k_1</annotation>"
                    + "</semantics></math></span><span class=\"katex-html\" aria-hidden=\"true\">"
                    + "<span class=\"mord\">k1</span></span></span> done</p>"))
        .isEqualTo("k_1 done");
  }

  @Test
  void putsDisplayMathOnItsOwnLine() {
    CleanedContent cleaned =
        cleaner.clean(
            "<p>Before <span class=\"mjpage mjpage__block\"><span class=\"mjx-chtml"
                + " MJXc-display\"><span class=\"mjx-math\" aria-label=\"E=mc^2\"><span"
                + " aria-hidden=\"true\">E=mc2</span></span></span></span> after</p>",
            BASE);

    assertThat(cleaned.text()).isEqualTo("Before\n\nE=mc^2\n\nafter");
    assertThat(cleaned.html()).contains("<span class=\"math math-display\">E=mc^2</span>");
  }

  @Test
  void escapesTheFormulaInHtml() {
    assertThat(html("<math alttext=\"a<b &amp; c\"><mi>a</mi></math>"))
        .isEqualTo("<span class=\"math\">a&lt;b &amp; c</span>");
  }

  // ---- Boilerplate rules ----
  private static final String LESSWRONG_POST =
      "Published on December 8, 2025 6:20 PM GMT<br/><br/><p>Body text.</p>"
          + "<br/><br/><a href=\"https://www.lesswrong.com/posts/abc/slug#comments\">Discuss</a>";

  @Test
  void removesLessWrongsPublishedLineAndDiscussLinkFromTextAndHtml() {
    CleanedContent cleaned = cleaner.clean(LESSWRONG_POST, BASE);

    assertThat(cleaned.text()).isEqualTo("Body text.");
    assertThat(cleaned.html()).isEqualTo("<p>Body text.</p>");
    assertThat(cleaned.outboundLinks()).isEmpty();
  }

  @Test
  void keepsLessWrongsBoilerplateWhenConfiguredWithoutRules() {
    HtmlCleaner noRules = new HtmlCleaner(CleanerConfig.defaults().withBoilerplateRules(List.of()));

    assertThat(noRules.clean(LESSWRONG_POST, BASE).text())
        .isEqualTo("Published on December 8, 2025 6:20 PM GMT\n\nBody text.\n\nDiscuss");
  }

  @Test
  void removesAnotherFeedsBoilerplateFromConfiguration() {
    HtmlCleaner wordpress =
        new HtmlCleaner(
            CleanerConfig.defaults()
                .withBoilerplateRules(
                    List.of(
                        BoilerplateRule.leadingBlock(
                            "example-crosspost", "Originally published at .+\\."),
                        BoilerplateRule.trailingBlock(
                            "wordpress-appeared-first", "The post .+ appeared first on .+\\."))));

    CleanedContent cleaned =
        wordpress.clean(
            "<div><p><em>Originally published at <a href=\"https://blog.example\">my blog</a>.</em>"
                + "</p><p>Real content.</p><p>The post <a href=\"https://x.example/p\">Title</a>"
                + " appeared first on <a href=\"https://x.example\">X</a>.</p></div>",
            BASE);

    assertThat(cleaned.text()).isEqualTo("Real content.");
    assertThat(cleaned.html()).isEqualTo("<div><p>Real content.</p></div>");
    assertThat(cleaned.outboundLinks()).isEmpty();
  }

  @Test
  void removesOnlyBlocksMatchedEntirely() {
    String html =
        "Published on December 8, 2025 6:20 PM GMT and this sentence goes on<br/><br/>"
            + "<p>Body</p><p><a href=\"https://lesswrong.com/p#comments\">Discuss</a> this</p>";

    assertThat(text(html))
        .startsWith("Published on December 8, 2025 6:20 PM GMT and this")
        .endsWith("Discuss this");
  }

  @Test
  void requiresTheTrailingLinkToMatchItsHref() {
    assertThat(text("<p>Body</p><p><a href=\"https://forum.example/t/1\">Discuss</a></p>"))
        .isEqualTo("Body\n\nDiscuss");
  }

  @Test
  void refusesAnInvalidRegexNamingTheRule() {
    assertThatThrownBy(() -> BoilerplateRule.leadingBlock("broken-rule", "Published (on"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken-rule")
        .hasMessageContaining("textRegex");
  }

  @Test
  void refusesAnHrefRegexOnABlockRule() {
    assertThatThrownBy(
            () ->
                new BoilerplateRule(
                    "odd", BoilerplateRule.Position.LEADING_BLOCK, "x", ".*#comments"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd");
  }

  // ---- Safe HTML ----
  @Test
  void makesRelativeUrlsAbsoluteAgainstTheBase() {
    assertThat(html("<a href=\"/about\">a</a><img src=\"img/p.png\" alt=\"p\">"))
        .isEqualTo(
            "<a href=\"https://example.com/about\" rel=\"noopener noreferrer\">a</a>"
                + "<img src=\"https://example.com/posts/42/img/p.png\" alt=\"p\">");
  }

  @Test
  void leavesRelativeUrlsRelativeWithoutABase() {
    assertThat(cleaner.clean("<a href=\"/about\">a</a>", null).html())
        .isEqualTo("<a href=\"/about\" rel=\"noopener noreferrer\">a</a>");
  }

  @Test
  void givesEveryLinkRelNoopenerNoreferrer() {
    assertThat(html("<a href=\"https://x.example\" rel=\"opener\" target=\"_blank\">x</a>"))
        .isEqualTo("<a href=\"https://x.example\" rel=\"noopener noreferrer\">x</a>");
  }

  @Test
  void dropsEventHandlersStylesClassesAndIds() {
    assertThat(
            html(
                "<p id=\"i\" class=\"c\" style=\"color:red\" onclick=\"evil()\">a</p>"
                    + "<img src=\"https://x.example/i.png\" onerror=\"evil()\" style=\"x\">"))
        .isEqualTo("<p>a</p><img src=\"https://x.example/i.png\">");
  }

  @Test
  void dropsScriptUrlsButKeepsTheLinkText() {
    CleanedContent cleaned =
        cleaner.clean(
            "<a href=\"javascript:alert(1)\">a</a><a href=\" JaVa&#x09;ScRiPt:alert(1)\">b</a><a"
                + " href=\"vbscript:msgbox(1)\">c</a><a"
                + " href=\"data:text/html,<script>x</script>\">d</a>",
            BASE);

    assertThat(cleaned.html())
        .isEqualTo(
            "<a rel=\"noopener noreferrer\">a</a><a rel=\"noopener noreferrer\">b</a>"
                + "<a rel=\"noopener noreferrer\">c</a><a rel=\"noopener noreferrer\">d</a>");
    assertThat(cleaned.text()).isEqualTo("abcd");
  }

  @Test
  void allowsDataUrlsOnlyForRasterImages() {
    assertThat(html("<img src=\"data:image/png;base64,iVBORw0KGgo=\">"))
        .isEqualTo("<img src=\"data:image/png;base64,iVBORw0KGgo=\">");
    assertThat(html("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">x")).isEqualTo("x");
    assertThat(html("<img src=\"javascript:alert(1)\">y")).isEqualTo("y");
  }

  @Test
  void escapesTextAndAttributeValues() {
    assertThat(
            html(
                "<p title=\"x\">&lt;script&gt;</p><img src=\"https://x.example/a.png\""
                    + " alt='\"&gt;<script>'>"))
        .isEqualTo(
            "<p>&lt;script&gt;</p><img src=\"https://x.example/a.png\""
                + " alt=\"&quot;&gt;&lt;script&gt;\">");
  }

  @Test
  void keepsAllowListedStructure() {
    assertThat(
            html(
                "<h2>T</h2><blockquote cite=\"/src\"><p><strong>s</strong> <em>e</em>"
                    + " <code>c</code></p></blockquote><ol"
                    + " start=\"2\"><li>i</li></ol><table><tr><td colspan=\"2\">"
                    + "d</td></tr></table>"))
        .isEqualTo(
            "<h2>T</h2><blockquote cite=\"https://example.com/src\"><p><strong>s</strong>"
                + " <em>e</em> <code>c</code></p></blockquote><ol"
                + " start=\"2\"><li>i</li></ol><table><tbody><tr><td"
                + " colspan=\"2\">d</td></tr></tbody></table>");
  }

  // ---- Outbound links ----
  @Test
  void listsAbsoluteHttpLinksInDocumentOrderWithoutDuplicates() {
    CleanedContent cleaned =
        cleaner.clean(
            "<a href=\"https://b.example/\">b</a><a href=\"/rel\">r</a><a"
                + " href=\"https://a.example/\">a</a><a href=\"https://b.example/\">b again</a><a"
                + " href=\"mailto:x@y.example\">m</a><a href=\"#fn1\">1</a><a"
                + " href=\"ftp://f.example/\">f</a><a>no href</a>",
            BASE);

    assertThat(cleaned.outboundLinks())
        .containsExactly("https://b.example/", "https://example.com/rel", "https://a.example/");
  }

  // ---- Excerpt ----
  private final HtmlCleaner shortExcerpts =
      new HtmlCleaner(CleanerConfig.defaults().withExcerptMaxChars(40));

  private String excerpt(String html) {
    return shortExcerpts.clean(html, BASE).excerpt();
  }

  @Test
  void isTheWholeTextWhenItFits() {
    assertThat(excerpt("<p>Short text.</p>")).isEqualTo("Short text.");
  }

  @Test
  void isOneLine() {
    assertThat(excerpt("<p>One.</p><ul><li>two</li></ul>")).isEqualTo("One. - two");
  }

  @Test
  void cutsAtTheLastSentenceEndPastHalfTheLimit() {
    assertThat(excerpt("<p>First sentence is here. Second one! Third sentence runs on and on.</p>"))
        .isEqualTo("First sentence is here. Second one! …");
  }

  @Test
  void cutsAtAWordBoundaryWhenNoSentenceEndsLateEnough() {
    assertThat(excerpt("<p>Hi. This sentence keeps going well past the limit of the excerpt.</p>"))
        .isEqualTo("Hi. This sentence keeps going well past…");
  }

  @Test
  void doesNotTakeAbbreviationsOrListNumbersForSentenceEnds() {
    assertThat(excerpt("<p>We compare things, e.g. apples and pears today</p>"))
        .isEqualTo("We compare things, e.g. apples and pears…");
    assertThat(excerpt("<p>Steps we take to get it right</p><ol><li>first step</li></ol>"))
        .isEqualTo("Steps we take to get it right 1. first…");
  }

  @Test
  void cutsInsideAWordOnlyWhenTheWordIsLongerThanTheLimit() {
    assertThat(excerpt("<p>" + "x".repeat(100) + "</p>")).isEqualTo("x".repeat(40) + "…");
  }

  @Test
  void neverSplitsASurrogatePair() {
    String excerpt = excerpt("<p>" + "x".repeat(39) + "😀" + "y".repeat(10) + "</p>");

    assertThat(excerpt).isEqualTo("x".repeat(39) + "…");
  }

  @Test
  void refusesATinyLimitNamingTheSetting() {
    assertThatThrownBy(() -> CleanerConfig.defaults().withExcerptMaxChars(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("excerptMaxChars");
  }

  // ---- Word count ----
  @Test
  void countsRunsOfLettersOrDigits() {
    assertThat(cleaner.clean("<p>It's 2025 — héllo, <b>wörld</b>! 3.14</p>", BASE).wordCount())
        .isEqualTo(7);
  }

  @Test
  void keepsCombiningMarksInsideTheirWord() {
    assertThat(WordCounter.count("हिन्दी भाषा")).isEqualTo(2);
  }

  @Test
  void countsNothingInEmptyText() {
    assertThat(WordCounter.count("— … !")).isZero();
  }

  @Test
  void countsLettersOutsideTheBasicPlane() {
    assertThat(WordCounter.count("𝑥 + 𝑦 = 𠀀")).isEqualTo(3); // math italic, CJK extension B
  }

  @Test
  void countsWhileWritingExactlyAsOverTheFinishedText() {
    // The builder counts as it writes; the result must equal a count over the final text,
    // including words split across elements, list numbers, marks and supplementary letters.
    String[] samples = {
      "<p>un<b>believ</b>able, <i>don't</i> 3.14</p>",
      "<ol><li>one</li><li>two<ol start=\"9\"><li>nine</li></ol></li></ol>",
      "<blockquote>a<br>b</blockquote><p>c&nbsp;&nbsp;d</p>",
      "<p>हिन्दी <span>भा</span>षा and 𝑥<sub>1</sub></p>",
      "<table><tr><td>a1</td><td>b2</td></tr></table><pre>x = 1\n  y</pre>",
      "<p>e\u0301t\u00e9 <math alttext=\"x^2\"></math>z</p>",
      "<pre>\uD800\uDC00 \uD835\uDC65=1 ke\u0301</pre>",
      // A pair whose halves arrive in different text nodes is one letter in the finished text.
      "<p><b>\uD840</b>\uDC00 x</p>",
      "<p>a\uD840<!-- c -->\uDC00</p>",
      "<pre>\uD835<i>\uDC65</i></pre>",
      "<p>\uD835<span>\uDC65\uD834</span>\uDD65b</p>"
    };
    for (String html : samples) {
      CleanedContent cleaned = cleaner.clean(html, BASE);
      assertThat(cleaned.wordCount()).as(html).isEqualTo(WordCounter.count(cleaned.text()));
    }
  }

  // ---- Titles ----
  @Test
  void decodesEntities() {
    assertThat(HtmlCleaner.plainTitle("Tom &amp; Jerry&#8217;s &quot;day&quot;"))
        .isEqualTo("Tom & Jerry’s \"day\"");
  }

  @Test
  void dropsMarkupAndScripts() {
    assertThat(HtmlCleaner.plainTitle("<b>Bold</b>   move <script>alert(1)</script>"))
        .isEqualTo("Bold move");
    assertThat(HtmlCleaner.plainTitle("Use <code>std::vector&lt;T&gt;</code>"))
        .isEqualTo("Use std::vector<T>");
  }

  @Test
  void leavesComparisonsThatAreNotTagsAlone() {
    assertThat(HtmlCleaner.plainTitle("Why x<y and y>z")).isEqualTo("Why x<y and y>z");
  }

  @Test
  void normalizesWhitespaceOntoOneLine() {
    assertThat(HtmlCleaner.plainTitle("  Multi\n  line\ttitle ")).isEqualTo("Multi line title");
    assertThat(HtmlCleaner.plainTitle("<p>Two</p><p>blocks</p>")).isEqualTo("Two blocks");
    assertThat(HtmlCleaner.plainTitle(null)).isEmpty();
  }
}

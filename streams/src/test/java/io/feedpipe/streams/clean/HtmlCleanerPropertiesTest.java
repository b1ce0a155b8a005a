package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * The cleaner's invariants over generated hostile HTML: whatever a feed sends, the cleaner returns
 * (never throws), its HTML holds no script, handler or URL other than http(s) (and mailto: links), and its text and HTML are
 * valid Unicode without control characters other than newline and tab (preformatted text).
 */
class HtmlCleanerPropertiesTest {

  private static final HtmlCleaner CLEANER = new HtmlCleaner(CleanerConfig.defaults());

  /** Elements that must never survive, whatever wraps or disguises them. */
  private static final Set<String> FORBIDDEN_ELEMENTS =
      Set.of("script", "style", "iframe", "object", "embed", "form", "input", "button", "link", "meta", "base", "frame", "frameset", "svg",
          "template", "noscript", "textarea", "select");

  @Property(tries = 300)
  void cleanedHtmlCarriesNoActiveContent(@ForAll("hostileHtml") String html) {
    CleanedContent cleaned = CLEANER.clean(html, "https://example.org/post/1");

    Element body = Jsoup.parseBodyFragment(cleaned.html()).body();
    for (Element element : body.getAllElements()) {
      if (element == body) {
        continue;
      }
      assertThat(FORBIDDEN_ELEMENTS).as("element <%s> in %s", element.tagName(), cleaned.html()).doesNotContain(element.tagName());
      for (Attribute attribute : element.attributes()) {
        String name = attribute.getKey().toLowerCase(Locale.ROOT);
        assertThat(name).as("attribute of <%s>", element.tagName()).doesNotStartWith("on").isNotEqualTo("style").isNotEqualTo("srcdoc");
        if (Set.of("href", "src", "cite", "action", "formaction", "poster", "background", "srcset").contains(name)) {
          String value = attribute.getValue();
          boolean mail = name.equals("href") && value.toLowerCase(Locale.ROOT).startsWith("mailto:");
          assertThat(isHttpUrl(value) || isFragment(value) || mail).as("%s=\"%s\" on <%s>", name, attribute.getValue(), element.tagName()).isTrue();
        }
      }
    }
    assertThat(cleaned.outboundLinks()).allSatisfy(link -> assertThat(isHttpUrl(link)).as(link).isTrue());
    assertThat(cleaned.images()).allSatisfy(image -> assertThat(isHttpUrl(image.url())).as(image.url()).isTrue());
  }

  @Property(tries = 300)
  void cleanedTextAndHtmlAreValidUnicodeWithoutControlCharacters(@ForAll("hostileHtml") String html) {
    CleanedContent cleaned = CLEANER.clean(html, null);

    assertValidText(cleaned.text(), "text", true);
    assertValidText(cleaned.excerpt(), "excerpt", false);
    assertValidText(cleaned.html(), "html", true);
    assertThat(cleaned.wordCount()).isEqualTo(WordCounter.count(cleaned.text()));
  }

  @Property(tries = 200)
  void plainTitlesAreOneLineOfValidUnicode(@ForAll("hostileHtml") String title) {
    String plain = HtmlCleaner.plainTitle(title);

    assertValidText(plain, "title", false);
    assertThat(plain).doesNotContain("\n").doesNotContain("\r");
  }

  private static void assertValidText(String value, String field, boolean tabAllowed) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertThat(i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)))
            .as("%s: unpaired high surrogate at %d", field, i).isTrue();
        i++;
        continue;
      }
      assertThat(Character.isLowSurrogate(c)).as("%s: unpaired low surrogate at %d", field, i).isFalse();
      boolean allowedControl = c == '\n' || (tabAllowed && (c == '\t' || c == '\r'));
      if (!allowedControl) {
        assertThat(Character.getType(c) == Character.CONTROL).as("%s: control character U+%04X at %d", field, (int) c, i).isFalse();
      }
    }
  }

  /** A link within the page ({@code #top}): inert. */
  private static boolean isFragment(String url) {
    return url.startsWith("#") && url.indexOf(':') < 0;
  }

  private static boolean isHttpUrl(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  @Provide
  Arbitrary<String> hostileHtml() {
    return fragment(4).list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join("", parts));
  }

  /** One piece of HTML: text, a hostile construct, or an element wrapping smaller pieces. */
  private Arbitrary<String> fragment(int depth) {
    Arbitrary<String> leaf = Arbitraries.oneOf(hostileText(), hostileConstruct());
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> wrapped = Combinators.combine(
            Arbitraries.of("div", "p", "span", "a", "li", "ul", "table", "td", "pre", "blockquote", "svg", "math", "noscript", "template",
                "b", "h2", "select", "textarea", "title", "xmp", "plaintext", "iframe"),
            attributes(),
            Arbitraries.lazy(() -> fragment(depth - 1)).list().ofMaxSize(4),
            Arbitraries.of(true, false))
        .as((tag, attrs, children, closed) -> "<" + tag + attrs + ">" + String.join("", children) + (closed ? "</" + tag + ">" : ""));
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(2, wrapped));
  }

  private static Arbitrary<String> attributes() {
    Arbitrary<String> one = Combinators.combine(
            Arbitraries.of("href", "src", "onerror", "onclick", "style", "srcdoc", "xlink:href", "formaction", "srcset", "background", "class",
                "title", "alt", "data-x", "HREF", "OnLoad"),
            Arbitraries.oneOf(dangerousUrl(), hostileText().map(t -> t.replace("\"", "&quot;"))))
        .as((name, value) -> " " + name + "=\"" + value + "\"");
    return one.list().ofMaxSize(3).map(list -> String.join("", list));
  }

  private static Arbitrary<String> dangerousUrl() {
    return Arbitraries.of(
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java&#9;script:alert(1)", "java&#x0A;script:alert(1)",
        "&#106;avascript:alert(1)", " javascript:alert(1)", "\u0000javascript:alert(1)", "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data:image/svg+xml,<svg onload=alert(1)>", "file:///etc/passwd",
        "//evil.example/x.js", "/relative/path", "?q=1", "#top", "http://[::1", "https://example.org/ok?utm_source=x", "https://a.example/\u0000",
        "ht\ntp://example.org/", "feed:https://example.org/", "mailto:a@example.org", "about:blank", "blob:https://example.org/1");
  }

  private static Arbitrary<String> hostileConstruct() {
    return Arbitraries.of(
        "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<style>.mjx-chtml {display: inline-block}</style>",
        "<img src=x onerror=alert(1)>", "<svg><script>alert(1)</script></svg>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>", "<!-- <script>alert(1)</script> -->",
        "<![CDATA[<script>alert(1)</script>]]>", "<object data=\"javascript:alert(1)\"></object>", "<embed src=\"javascript:alert(1)\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", "<base href=\"javascript:/\">", "<form action=javascript:alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<template><script>alert(1)</script></template>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>", "<p>Published on December 8, 2025 8:03 PM GMT</p>",
        "<a href=\"https://www.lesswrong.com/posts/x#comments\">Discuss</a>", "&lt;script&gt;", "&#0;", "&#xD800;", "&#x1F600;", "&nbsp;",
        "<pre>\tindented\r\n\u000Bvertical</pre>", "<br/><br/>", "</div></div></p>", "<", ">", "&", "<a <b>", "<img src=\"https://example.org/i.png\" alt=\"\u0001\">");
  }

  private static Arbitrary<String> hostileText() {
    Arbitrary<Character> hostileChar = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.chars().range('a', 'z')),
        Tuple.of(2, Arbitraries.of(' ', '\n', '\t', '\r')),
        Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001F')),
        Tuple.of(1, Arbitraries.chars().range('\u007F', '\u009F')),
        Tuple.of(2, Arbitraries.chars().range('\uD800', '\uDFFF')),
        Tuple.of(1, Arbitraries.of('\uFFFE', '\uFFFF', '\uFEFF', '\u200B', '\u202E', '\u2028', '\u2029')),
        Tuple.of(2, Arbitraries.chars().all()));
    return hostileChar.list().ofMaxSize(40).map(HtmlCleanerPropertiesTest::string);
  }

  private static String string(List<Character> chars) {
    StringBuilder sb = new StringBuilder(chars.size());
    chars.forEach(sb::append);
    return sb.toString();
  }
}

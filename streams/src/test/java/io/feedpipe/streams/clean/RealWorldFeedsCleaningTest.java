package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.testkit.FeedCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every entry of the real-world feeds in the shared feed corpus (MANIFEST.tsv kind {@code
 * realworld}) cleans to safe HTML and CSS-free text. Skipped when the corpus is not there: it lives
 * outside the repository ({@link FeedCorpus}).
 */
class RealWorldFeedsCleaningTest {

  private static final Set<String> CONTENT_ELEMENTS =
      Set.of(
          "description", "content:encoded", "content", "summary", "atom:content", "atom:summary");

  private final HtmlCleaner cleaner = new HtmlCleaner(CleanerConfig.defaults());

  @TestFactory
  Stream<DynamicTest> everyRealWorldEntryCleansSafely() throws IOException {
    Path feeds = FeedCorpus.require();
    List<Path> files =
        Files.readAllLines(feeds.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8).stream()
            .skip(1)
            .map(line -> line.split("\t"))
            .filter(fields -> fields.length > 4 && fields[4].equals("realworld"))
            .map(fields -> fields[0])
            .filter(path -> path.endsWith(".xml"))
            .map(feeds::resolve)
            .toList();
    assertThat(files).as("realworld .xml files in MANIFEST.tsv").isNotEmpty();
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(feeds.relativize(file).toString(), () -> cleanAll(file)));
  }

  private void cleanAll(Path file) {
    Document feed;
    try {
      // Charset from the BOM or XML declaration, as a feed reader would.
      feed = Jsoup.parse(file.toFile(), null, "", Parser.xmlParser());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Element entry : feed.select("item, entry")) {
      String base = entryLink(entry);
      for (Element child : entry.children()) {
        if (!CONTENT_ELEMENTS.contains(child.tagName().toLowerCase(Locale.ROOT))) {
          continue;
        }
        String what = file.getFileName() + " " + child.tagName() + " of " + base;
        String html = contentOf(child);
        CleanedContent cleaned = cleaner.clean(html, base);
        CleanedTextAssertions.assertSafeHtml(cleaned.html(), what);
        assertNoStyleOrScriptLeaked(html, cleaned.text(), what);
        assertThat(cleaned.text()).as(what).doesNotContain("\n\n\n");
        assertThat(cleaned.text()).as(what).isEqualTo(cleaned.text().strip());
        assertThat(cleaned.outboundLinks())
            .allSatisfy(url -> assertThat(url).matches("https?://.*"));
      }
    }
  }

  /**
   * Real posts may show CSS or code as text (a theme tutorial, an Elixir struct), so the text is
   * not searched for CSS-looking patterns; instead, what the entry's own {@code <style>} and {@code
   * <script>} elements hold must not be in it.
   */
  private static void assertNoStyleOrScriptLeaked(String html, String text, String what) {
    String flatText = flat(text);
    for (Element hidden : Jsoup.parse(html).select("style, script, noscript, template")) {
      String content = flat(hidden.data().isEmpty() ? hidden.text() : hidden.data());
      if (content.length() >= 12) {
        String probe = content.substring(0, Math.min(40, content.length()));
        assertThat(flatText)
            .as("%s: <%s> content in text", what, hidden.tagName())
            .doesNotContain(probe);
      }
    }
    assertThat(text).as("%s: MathJax CSS in text", what).doesNotContain("@font-face", ".mjx-chtml");
  }

  private static String flat(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  /** Escaped HTML (the usual case) as its text; inline XHTML or raw markup as its markup. */
  private static String contentOf(Element content) {
    return content.children().isEmpty() ? content.wholeText() : content.html();
  }

  private static String entryLink(Element entry) {
    for (Element link : entry.getElementsByTag("link")) {
      String href = link.hasAttr("href") ? link.attr("href") : link.text();
      String rel = link.attr("rel");
      if (!href.isBlank() && (rel.isEmpty() || rel.equals("alternate"))) {
        return href.strip();
      }
    }
    return null;
  }

}

package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Classic XSS filter-evasion vectors (clean/xss-vectors.txt, one per line) never survive cleaning:
 * no script, no event handler, no script URL, no style element in the HTML, and no markup or CSS in
 * the text.
 */
class SanitizerSafetyTest {

  private static final String BASE = "https://feed.example/posts/1";

  private final HtmlCleaner cleaner = new HtmlCleaner(CleanerConfig.defaults());

  static Stream<String> vectors() {
    try (InputStream in =
        SanitizerSafetyTest.class.getClassLoader().getResourceAsStream("clean/xss-vectors.txt")) {
      assertThat(in).as("clean/xss-vectors.txt on the test classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void vectorListIsSubstantial() {
    assertThat(vectors().count()).isGreaterThanOrEqualTo(60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vectorIsDefusedWithABase(String vector) {
    assertDefused(cleaner.clean(vector, BASE), vector);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vectorIsDefusedWithoutABase(String vector) {
    assertDefused(cleaner.clean(vector, null), vector);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vectorIsDefusedInsideOtherContent(String vector) {
    CleanedContent cleaned =
        cleaner.clean("<p>before</p><ul><li>" + vector + "</li></ul><p>after</p>", BASE);
    assertDefused(cleaned, vector);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vectorAsATitleLeavesNoMarkup(String vector) {
    String title = HtmlCleaner.plainTitle(vector);
    assertThat(title).doesNotContain("\n");
    assertThat(CleanedTextAssertions.CSS_RULE.matcher(title).find()).isFalse();
  }

  private static void assertDefused(CleanedContent cleaned, String vector) {
    CleanedTextAssertions.assertSafeHtml(cleaned.html(), vector);
    CleanedTextAssertions.assertPlainText(cleaned.text(), vector);
    assertThat(cleaned.outboundLinks()).allSatisfy(url -> assertThat(url).matches("https?://.*"));
  }
}

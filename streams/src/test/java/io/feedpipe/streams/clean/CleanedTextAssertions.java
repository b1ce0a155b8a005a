package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/** The safety properties every cleaned entry must have, whatever went in. */
final class CleanedTextAssertions {

  /** A CSS rule: a selector or at-rule, then a block starting with "property:". */
  static final Pattern CSS_RULE = Pattern.compile("[\\w.#@*\\]-]\\s*\\{\\s*[a-zA-Z-]+\\s*:");

  /** Something a browser would read as a tag. */
  static final Pattern TAG = Pattern.compile("<\\s*/?\\s*[a-zA-Z][a-zA-Z0-9-]*(\\s[^>]*)?/?>");

  private static final Pattern EVENT_HANDLER_ATTRIBUTE =
      Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

  private static final Pattern ALLOWED_PLAYER = Pattern.compile(
      "https://(www\\.youtube\\.com/embed/|youtube\\.com/embed/|www\\.youtube-nocookie\\.com/embed/|youtube-nocookie\\.com/embed/"
          + "|player\\.vimeo\\.com/video/|www\\.dailymotion\\.com/embed/|geo\\.dailymotion\\.com/player|player\\.twitch\\.tv/"
          + "|www\\.loom\\.com/embed/)[^\"'<>\\s]*");

  private CleanedTextAssertions() {}

  static void assertSafeHtml(String html, String what) {
    String lower = html.toLowerCase(Locale.ROOT);
    assertThat(lower).as("%s: no <script", what).doesNotContain("<script");
    assertThat(lower).as("%s: no <style", what).doesNotContain("<style");
    for (String tag : new String[] {"<object", "<embed", "<form", "<input", "<svg"}) {
      assertThat(lower).as("%s: no %s", what, tag).doesNotContain(tag);
    }
    // Iframes: only allow-listed video players over https, always sandboxed.
    for (Element frame : Jsoup.parseBodyFragment(html).body().select("iframe")) {
      assertThat(frame.attr("src")).as("%s: iframe source", what).matches(ALLOWED_PLAYER);
      assertThat(frame.attr("sandbox")).as("%s: iframe sandbox", what).contains("allow-scripts").doesNotContain("allow-top-navigation");
      assertThat(frame.childNodeSize()).as("%s: iframe content", what).isZero();
    }
    assertThat(EVENT_HANDLER_ATTRIBUTE.matcher(html).find())
        .as("%s: no on*= attribute in %s", what, html)
        .isFalse();
    // Re-parse what a browser would get and look at every attribute it would see.
    for (Element el : Jsoup.parseBodyFragment(html).body().getAllElements()) {
      for (Attribute attribute : el.attributes()) {
        String key = attribute.getKey().toLowerCase(Locale.ROOT);
        String value = compactUrl(attribute.getValue());
        assertThat(key).as("%s: attribute on <%s>", what, el.tagName()).doesNotStartWith("on");
        assertThat(key).as("%s: attribute on <%s>", what, el.tagName()).isNotEqualTo("style");
        assertThat(value)
            .as("%s: %s=\"%s\" on <%s>", what, key, attribute.getValue(), el.tagName())
            .doesNotStartWith("javascript:")
            .doesNotStartWith("vbscript:");
        if (value.startsWith("data:")) {
          assertThat(el.tagName() + " " + key)
              .as("%s: data: URL outside img src", what)
              .isEqualTo("img src");
        }
      }
    }
  }

  static void assertPlainText(String text, String what) {
    assertThat(TAG.matcher(text).find()).as("%s: no markup in text: %s", what, text).isFalse();
    assertThat(CSS_RULE.matcher(text).find()).as("%s: no CSS in text: %s", what, text).isFalse();
    assertThat(text).as("%s: no @font-face in text", what).doesNotContain("@font-face");
    assertThat(text).as("%s: text trimmed", what).isEqualTo(text.strip());
    assertThat(text).as("%s: no more than one blank line", what).doesNotContain("\n\n\n");
    assertThat(text).as("%s: no trailing spaces", what).doesNotContainPattern("[ \\t]\\n");
  }

  /** An attribute value as a browser reads a URL's scheme: no spaces or controls, lower case. */
  private static String compactUrl(String value) {
    StringBuilder sb = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c > ' ') {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }
}

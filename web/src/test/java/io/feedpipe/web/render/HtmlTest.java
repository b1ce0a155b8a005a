package io.feedpipe.web.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlTest {

  @Test
  void escapesTheFiveCharactersThatEndTextOrAnAttribute() {
    assertThat(Html.escape("<a href=\"x\" title='y'>&</a>")).isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    assertThat(Html.escape("plain text, ünïcode")).isEqualTo("plain text, ünïcode");
    assertThat(Html.escape(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>", "/local/path", "//host/x",
      "vbscript:x", "http:no-host", "not a url"})
  void linksOnlyToAbsoluteHttpUrls(String url) {
    assertThat(Html.httpUrl(url)).isNull();
  }

  @Test
  void keepsHttpAndHttpsUrls() {
    assertThat(Html.httpUrl("https://www.lesswrong.com/posts/abc/x?y=1")).isEqualTo("https://www.lesswrong.com/posts/abc/x?y=1");
    assertThat(Html.httpUrl("http://example.org/")).isEqualTo("http://example.org/");
  }

  @Test
  void encodesAPathSegmentWholly() {
    assertThat(Html.segment("a/b c+d?")).isEqualTo("a%2Fb%20c%2Bd%3F");
  }
}

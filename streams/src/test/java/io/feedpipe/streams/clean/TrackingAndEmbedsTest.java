package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Safe HTML beyond the allow-list: video embeds, tracking pixels and parameters, the image list. */
class TrackingAndEmbedsTest {
  static final String BASE = "https://blog.example/posts/1";
  final HtmlCleaner cleaner = new HtmlCleaner(CleanerConfig.defaults());

  @Test
  void youTubeAndVimeoPlayersAreKeptSandboxedOverHttps() {
    String html = cleaner.clean("<p>watch</p><iframe src=\"//www.youtube.com/embed/abc?utm_source=feed&amp;start=5\" width=\"560\""
        + " height=\"315\" onload=\"alert(1)\" frameborder=\"0\"></iframe>"
        + "<iframe src=\"http://player.vimeo.com/video/42\"></iframe>", BASE).html();
    assertThat(html).contains("<iframe src=\"https://www.youtube.com/embed/abc?start=5\" width=\"560\" height=\"315\""
        + " sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation\"");
    assertThat(html).contains("<iframe src=\"https://player.vimeo.com/video/42\"");
    assertThat(html).doesNotContain("onload", "frameborder", "utm_source");
  }

  @Test
  void otherIframesAreDroppedWithTheirContent() {
    for (String src : List.of("https://evil.example/embed/x", "https://www.youtube.com.evil.example/embed/x",
        "https://evil.example@www.youtube.com/embed/x", "javascript:alert(1)", "https://www.youtube.com/watch?v=x",
        "data:text/html,<script>alert(1)</script>", "https://www.youtube.com\\@evil.example/embed/")) {
      CleanedContent c = cleaner.clean("<p>a</p><iframe src=\"" + src + "\">fallback</iframe>", BASE);
      assertThat(c.html()).as(src).isEqualTo("<p>a</p>");
      assertThat(c.text()).isEqualTo("a");
    }
  }

  @Test
  void trackingPixelsAreRemoved() {
    CleanedContent c = cleaner.clean("<p>a<img src=\"https://blog.example/p.gif\" width=\"1\" height=\"1\">"
        + "<img src=\"https://feeds.feedburner.com/~r/blog/~4/xyz\">"
        + "<img src=\"https://pixel.wp.com/g.gif?x=1\" alt=\"\">"
        + "<img src=\"https://www.google-analytics.com/collect?v=1\" width=\"1px\" height=\"0\">"
        + "<img src=\"https://blog.example/figure.png\" width=\"1\" height=\"300\" alt=\"Figure 1\"></p>", BASE);
    assertThat(c.html()).isEqualTo("<p>a<img src=\"https://blog.example/figure.png\" alt=\"Figure 1\" width=\"1\" height=\"300\"></p>");
    assertThat(c.images()).containsExactly(new CleanedContent.Image("https://blog.example/figure.png", "Figure 1"));
  }

  @Test
  void trackingParametersAreStrippedFromLinksAndImages() {
    CleanedContent c = cleaner.clean("<p><a href=\"https://shop.example/item?id=7&amp;utm_source=rss&amp;UTM_Medium=x&amp;fbclid=1#top\">item</a>"
        + "<a href=\"/about?gclid=9&amp;mc_eid=3\">about</a><img src=\"https://cdn.example/i.png?w=100&amp;utm_campaign=c\"></p>", BASE);
    assertThat(c.html()).contains("href=\"https://shop.example/item?id=7#top\"", "href=\"https://blog.example/about\"",
        "src=\"https://cdn.example/i.png?w=100\"");
    assertThat(c.outboundLinks()).containsExactly("https://shop.example/item?id=7#top", "https://blog.example/about");
    assertThat(c.images()).extracting(CleanedContent.Image::url).containsExactly("https://cdn.example/i.png?w=100");
  }

  @Test
  void urlsWithoutTrackingParametersAreLeftAlone() {
    String url = "https://x.example/a?b=1&c=2#d";
    assertThat(Trackers.stripParameters(url)).isSameAs(url);
    assertThat(Trackers.stripParameters("https://x.example/?utm_source=a")).isEqualTo("https://x.example/");
    assertThat(Trackers.stripParameters("https://x.example/?a=1&utm_source=a&b=2")).isEqualTo("https://x.example/?a=1&b=2");
  }

  @Test
  void relativeUrlsBecomeAbsoluteAgainstTheEntryLinkAndLinksGetNoopener() {
    CleanedContent c = cleaner.clean("<a href=\"../other\">o</a><img src=\"img/x.png\" alt=\"x\">", BASE);
    assertThat(c.html()).isEqualTo("<a href=\"https://blog.example/other\" rel=\"noopener noreferrer\">o</a>"
        + "<img src=\"https://blog.example/posts/img/x.png\" alt=\"x\">");
  }

  @Test
  void imagesAreListedOnceInDocumentOrderWithTheirAltText() {
    CleanedContent c = cleaner.clean("<img src=\"/a.png\" alt=\" A  chart \"><img src=\"/b.png\"><img src=\"/a.png\" alt=\"again\">"
        + "<img src=\"data:image/png;base64,AAAA\">", BASE);
    assertThat(c.images()).containsExactly(new CleanedContent.Image("https://blog.example/a.png", "A chart"),
        new CleanedContent.Image("https://blog.example/b.png", ""));
  }

  @Test
  void mathIsKeptAsReadableTexInTheHtml() {
    String html = cleaner.clean("<p>so <span class=\"mjpage\"><span class=\"mjx-chtml\"><span class=\"mjx-math\" aria-label=\"x^2 + 1\">"
        + "<span class=\"mjx-mrow\">x2+1</span></span></span></span> holds</p>", BASE).html();
    assertThat(html).contains("<span class=\"math\">x^2 + 1</span>").doesNotContain("mjx");
  }
}

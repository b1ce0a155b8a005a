package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CleanPost.link is only ever an absolute http(s) URL: readers put it in an href. */
class PostLinkSafetyTest {

  @TempDir Path stateDir;

  private CleanPost cleanedWithLink(String link) {
    try (TopologyHarness topology = new TopologyHarness(StreamsSettings.defaults(List.of(), stateDir))) {
      FetchedPost post = FetchedPost.newBuilder(FeedpipeTopologyTest.post("x", "X", "<p>x</p>", FeedpipeTopologyTest.T0))
          .setLink(link).build();
      topology.send(post);
      return topology.clean.readValue();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "javascript:alert(1)|link: scheme 'javascript' is not allowed, dropped",
      "JaVaScRiPt:alert(1)|link: scheme 'javascript' is not allowed, dropped",
      "java\tscript:alert(1)|link: scheme 'javascript' is not allowed, dropped",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==|link: scheme 'data' is not allowed, dropped",
      "vbscript:msgbox(1)|link: scheme 'vbscript' is not allowed, dropped",
      "java\u0001script:alert(1)|link: has a control character, dropped",
      "http://exa mple.org/x|link: is not a valid URL, dropped"})
  void unsafeOrMalformedLinkIsDroppedWithANote(String link, String note) {
    CleanPost post = cleanedWithLink(link);
    assertThat(post.getLink()).isNull();
    assertThat(post.getRepairs()).containsExactly(note);
  }

  @Test
  void httpLinkIsKeptWithoutNote() {
    CleanPost post = cleanedWithLink("https://www.lesswrong.com/posts/x?utm_source=feed");
    assertThat(post.getLink()).isEqualTo("https://www.lesswrong.com/posts/x");
    assertThat(post.getRepairs()).isEmpty();
  }

  @Test
  void contentUrlsAreOnlyAbsoluteHttp() {
    try (TopologyHarness topology = new TopologyHarness(StreamsSettings.defaults(List.of(), stateDir))) {
      topology.send(FeedpipeTopologyTest.post("y", "Y", "<p><a href=\"javascript:alert(1)\">a</a> <a href=\"https://ok.example/\">b</a>"
          + " <img src=\"data:image/png;base64,AAAA\" alt=\"d\"> <img src=\"https://ok.example/i.png\" alt=\"i\"></p>", FeedpipeTopologyTest.T0));
      CleanPost post = topology.clean.readValue();
      assertThat(post.getOutboundLinks()).containsExactly("https://ok.example/");
      assertThat(post.getImages()).extracting(i -> i.getUrl()).containsExactly("https://ok.example/i.png");
    }
  }
}

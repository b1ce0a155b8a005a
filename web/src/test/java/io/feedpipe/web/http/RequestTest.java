package io.feedpipe.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTest {

  @Test
  void segmentsAreDecodedOneByOneSoAnEncodedSlashStaysInside() {
    assertThat(Request.parse("/feed/a%2Fb%20c+d/atom.xml", null).segments()).containsExactly("feed", "a/b c+d", "atom.xml");
    assertThat(Request.parse("/", null).segments()).isEmpty();
    assertThat(Request.parse("/feed/%zz", null).segments()).isEqualTo(List.of("feed", "%zz"));
  }

  @Test
  void queryParametersAndPageNumbers() {
    Request request = Request.parse("/search", "q=a+b%26c&page=3&q=ignored");
    assertThat(request.params().get("q")).isEqualTo("a b&c");
    assertThat(request.page()).isEqualTo(3);
    assertThat(Request.parse("/", "page=-4").page()).isEqualTo(1);
    assertThat(Request.parse("/", "page=x").page()).isEqualTo(1);
    assertThat(Request.parse("/", "page=999999999").page()).isEqualTo(100_000);
  }
}

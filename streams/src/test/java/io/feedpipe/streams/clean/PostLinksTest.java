package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostLinksTest {

  private static final String BASE = "https://example.org/blog/";

  @Test
  void absoluteHttpLinkIsKept() {
    assertThat(PostLinks.check("link", "https://example.org/a?b=1", BASE)).isEqualTo(new PostLinks.Checked("https://example.org/a?b=1", null));
  }

  @Test
  void relativeLinkResolvesAgainstTheBase() {
    assertThat(PostLinks.check("link", "posts/1", BASE).url()).isEqualTo("https://example.org/blog/posts/1");
  }

  @Test
  void scriptAndDataSchemesAreDroppedWithANote() {
    assertThat(PostLinks.check("link", "javascript:alert(1)", BASE))
        .isEqualTo(new PostLinks.Checked(null, "link: scheme 'javascript' is not allowed, dropped"));
    assertThat(PostLinks.check("link", "JaVaScRiPt:alert(1)", BASE).note()).isEqualTo("link: scheme 'javascript' is not allowed, dropped");
    assertThat(PostLinks.check("link", "java\tscript:alert(1)", BASE).note()).isEqualTo("link: scheme 'javascript' is not allowed, dropped");
    assertThat(PostLinks.check("link", " \njavascript:alert(1)", BASE).note()).isEqualTo("link: scheme 'javascript' is not allowed, dropped");
    assertThat(PostLinks.check("link", "data:text/html;base64,PHNjcmlwdD4=", BASE).note()).isEqualTo("link: scheme 'data' is not allowed, dropped");
    assertThat(PostLinks.check("link", "vbscript:msgbox(1)", BASE).note()).isEqualTo("link: scheme 'vbscript' is not allowed, dropped");
  }

  @Test
  void controlCharactersAndMalformedUrlsAreDropped() {
    assertThat(PostLinks.check("link", "java\u0000script:alert(1)", BASE).url()).isNull();
    assertThat(PostLinks.check("link", "java\u0000script:alert(1)", BASE).note()).startsWith("link: ");
    assertThat(PostLinks.check("link", "java script:alert(1)", BASE).url()).isNull();
    assertThat(PostLinks.check("link", "http://exa mple.org/", BASE).note()).isEqualTo("link: is not a valid URL, dropped");
    assertThat(PostLinks.check("link", "http:no-host", BASE).url()).isNull();
    assertThat(PostLinks.check("link", "posts/1", "javascript:x").url()).isNull();
  }

  @Test
  void noLinkIsNoNote() {
    assertThat(PostLinks.check("link", null, BASE)).isEqualTo(new PostLinks.Checked(null, null));
    assertThat(PostLinks.check("link", "  ", BASE)).isEqualTo(new PostLinks.Checked(null, null));
  }
}

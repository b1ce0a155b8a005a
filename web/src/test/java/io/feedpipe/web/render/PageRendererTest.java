package io.feedpipe.web.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.web.Posts;
import io.feedpipe.web.store.FeedCount;
import io.feedpipe.web.store.PostPage;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class PageRendererTest {
  private final PageRenderer renderer = new PageRenderer();
  private static final Instant T = Instant.parse("2025-12-08T20:03:00Z");

  private Document render(List<CleanPost> posts, String query, boolean hasNext, int page) {
    String html = renderer.render(new PageView("Newest posts", "/", query, new PostPage(posts, page, hasNext), "/",
        List.of(new FeedCount("feed<1>", 2)), List.of("papers"), posts.size()));
    return Jsoup.parse(html);
  }

  @Test
  void textFromPostsIsEscapedNeverMarkup() {
    CleanPost post = CleanPost.newBuilder(Posts.post("p1", "f\"><script>x</script>", "<img src=x onerror=alert(1)> & <b>bold</b>", T))
        .setAuthors(List.of("<script>alert(2)</script>")).setHtml("<p>safe</p>").build();
    String html = renderer.render(new PageView("<h1>", "/", "\"><script>", new PostPage(List.of(post), 1, false), "/",
        List.of(), List.of(), 1));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("script")).isEmpty();
    assertThat(doc.select("img")).isEmpty();
    assertThat(doc.select("[onerror]")).isEmpty();
    assertThat(doc.selectFirst(".post-title").text()).isEqualTo("<img src=x onerror=alert(1)> & <b>bold</b>");
    assertThat(doc.selectFirst(".authors").text()).isEqualTo("by <script>alert(2)</script>");
    assertThat(doc.selectFirst("input[name=q]").attr("value")).isEqualTo("\"><script>");
  }

  @Test
  void titleLinksOutWithNoopenerNofollowAndMetaLineShowsFeedAuthorsDateReadingTime() {
    Document doc = render(List.of(Posts.post("p1", "lesswrong", "Hello", T)), null, false, 1);
    Element link = doc.selectFirst(".post-title a");
    assertThat(link.attr("href")).isEqualTo("https://blog.example/p1");
    assertThat(link.attr("rel")).isEqualTo("noopener nofollow");
    Element meta = doc.selectFirst(".meta");
    assertThat(meta.selectFirst("a.feed").attr("href")).isEqualTo("/feed/lesswrong");
    assertThat(meta.text()).contains("by Ada Lovelace").contains("2025-12-08 20:03 UTC").contains("1 min read");
    assertThat(meta.selectFirst("time").attr("datetime")).isEqualTo("2025-12-08T20:03:00Z");
  }

  @Test
  void aLinkThatIsNotHttpMakesAPlainTitle() {
    CleanPost post = CleanPost.newBuilder(Posts.post("p1", "f", "Hi", T)).setLink("javascript:alert(1)").build();
    Document doc = render(List.of(post), null, false, 1);
    assertThat(doc.select(".post-title a")).isEmpty();
    assertThat(doc.selectFirst(".post-title").text()).isEqualTo("Hi");
  }

  @Test
  void anEditIsMarkedWithItsSummary() {
    CleanPost post = Posts.edited(Posts.post("p1", "f", "Old", T), "New", T.plusSeconds(3600));
    Document doc = render(List.of(post), null, false, 1);
    assertThat(doc.selectFirst(".edited").text()).isEqualTo("edited: title changed");
  }

  @Test
  void formulasStayTexTextAndThePageHasNoScriptOrInlineStyle() {
    CleanPost post = Posts.post("p1", "f", "Math", T, "<p>Let <span class=\"math\">X \\subseteq \\mathbb{R}^n</span> be</p>",
        "Let X \\subseteq \\mathbb{R}^n be");
    Document doc = render(List.of(post), null, false, 1);
    assertThat(doc.selectFirst(".content .math").text()).isEqualTo("X \\subseteq \\mathbb{R}^n");
    assertThat(doc.select("script, style, [style]")).isEmpty();
    assertThat(doc.select("link[rel=stylesheet]")).extracting(e -> e.attr("href")).containsExactly("/style.css");
  }

  @Test
  void paginationLinksKeepTheQuery() {
    Document doc = render(List.of(Posts.post("p1", "f", "A", T)), "a&b", true, 2);
    assertThat(doc.selectFirst("a[rel=prev]").attr("href")).isEqualTo("/?q=a%26b&page=1");
    assertThat(doc.selectFirst("a[rel=next]").attr("href")).isEqualTo("/?q=a%26b&page=3");
  }

  @Test
  void feedNamesInNavigationAreEncodedAndEscaped() {
    Document doc = render(List.of(), null, false, 1);
    Element feed = doc.selectFirst("aside a[href^=/feed/]");
    assertThat(feed.attr("href")).isEqualTo("/feed/feed%3C1%3E");
    assertThat(feed.text()).isEqualTo("feed<1>");
    assertThat(doc.selectFirst(".empty").text()).isEqualTo("No posts here yet.");
  }

  @Test
  void showsTheDateThePostGivesEvenWhenItIsListedByWhenItWasFirstSeen() {
    CleanPost future = CleanPost.newBuilder(Posts.post("p1", "f", "Hi", T)).setPublishedAt(Instant.parse("2099-01-01T00:00:00Z")).build();
    Document doc = render(List.of(future), null, false, 1);
    assertThat(doc.selectFirst(".meta time").attr("datetime")).isEqualTo("2099-01-01T00:00:00Z");
  }
}

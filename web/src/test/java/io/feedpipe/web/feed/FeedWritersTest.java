package io.feedpipe.web.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.web.Posts;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Atom and JSON Feed output: parsed back with Rome, and the W3C validator's rules that can be checked here. */
class FeedWritersTest {
  private static final Instant T = Instant.parse("2025-12-08T20:03:00Z");
  private static final Pattern RFC3339 = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");

  private final CleanPost plain = CleanPost.newBuilder(Posts.post("https://x.example/p?id=1&a=b", "one", "A & <B>", T,
      "<p>Hi <span class=\"math\">x^2 < y</span>\u0001</p>", "Hi x^2 < y")).setAuthors(List.of()).build();
  private final CleanPost edited = Posts.edited(Posts.post("p2", "one", "Old", T.minusSeconds(60)), "New", T.plusSeconds(3600));
  private final FeedView view = new FeedView("feedpipe: feed one", URI.create("http://127.0.0.1:8080/feed/one/atom.xml"),
      URI.create("http://127.0.0.1:8080/feed/one/"), List.of(plain, edited));

  @Test
  void atomParsesBackWithRomeWithStableIdsRevisionTimesAndContent() throws Exception {
    String xml = new AtomWriter().write(view);
    SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
    assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
    assertThat(feed.getTitle()).isEqualTo("feedpipe: feed one");
    assertThat(feed.getEntries()).hasSize(2);
    SyndEntry first = feed.getEntries().get(0);
    assertThat(first.getUri()).isEqualTo("urn:feedpipe:post:https%3A%2F%2Fx.example%2Fp%3Fid%3D1%26a%3Db");
    assertThat(first.getTitle()).isEqualTo("A & <B>");
    assertThat(first.getLink()).isEqualTo("https://blog.example/https://x.example/p?id=1&a=b");
    assertThat(first.getContents().get(0).getValue()).isEqualTo("<p>Hi <span class=\"math\">x^2 < y</span></p>");
    SyndEntry second = feed.getEntries().get(1);
    assertThat(second.getUri()).isEqualTo("urn:feedpipe:post:p2");
    assertThat(second.getUpdatedDate().toInstant()).isEqualTo(T.plusSeconds(3600));
    assertThat(second.getPublishedDate().toInstant()).isEqualTo(T.minusSeconds(60));
  }

  @Test
  void atomMeetsTheValidatorsRules() {
    String xml = new AtomWriter().write(view);
    // required feed elements; an author for the feed since an entry has none; a self link
    assertThat(xml).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"").contains("<id>http://127.0.0.1:8080/feed/one/atom.xml</id>")
        .contains("<name>feedpipe</name>").contains("rel=\"self\"").contains("href=\"http://127.0.0.1:8080/feed/one/atom.xml\"");
    Matcher dates = Pattern.compile("<(updated|published)>([^<]*)</").matcher(xml);
    int n = 0;
    while (dates.find()) {
      assertThat(dates.group(2)).matches(RFC3339);
      OffsetDateTime.parse(dates.group(2));
      n++;
    }
    assertThat(n).isEqualTo(5); // feed updated + 2 × (published, updated)
    Matcher ids = Pattern.compile("<id>([^<]*)</id>").matcher(xml);
    List<String> all = new java.util.ArrayList<>();
    while (ids.find()) {
      all.add(ids.group(1));
      assertThat(URI.create(ids.group(1).replace("&amp;", "&")).isAbsolute()).isTrue();
    }
    assertThat(all).hasSize(3).doesNotHaveDuplicates();
    Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(xml);
    while (hrefs.find()) {
      assertThat(URI.create(hrefs.group(1).replace("&amp;", "&")).isAbsolute()).as(hrefs.group(1)).isTrue();
    }
    assertThat(xml).doesNotContain("\u0001");
  }

  @Test
  void jsonFeedHasTheVersionAndItemsWithIdsAndDates() throws Exception {
    JsonNode feed = new ObjectMapper().readTree(new JsonFeedWriter().write(view));
    assertThat(feed.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
    assertThat(feed.get("feed_url").asText()).isEqualTo("http://127.0.0.1:8080/feed/one/atom.xml");
    assertThat(feed.get("items")).hasSize(2);
    JsonNode second = feed.get("items").get(1);
    assertThat(second.get("id").asText()).isEqualTo("urn:feedpipe:post:p2");
    assertThat(second.get("date_modified").asText()).matches(RFC3339);
    assertThat(second.get("authors").get(0).get("name").asText()).isEqualTo("Ada Lovelace");
  }

  @Test
  void validatorsAnswerNotModifiedForTheSameEntriesOnly() {
    Validators v = Validators.of("atom.xml", view);
    assertThat(v.lastModifiedHeader()).isEqualTo("Mon, 08 Dec 2025 21:03:00 GMT");
    assertThat(v.notModified(v.etag(), null)).isTrue();
    assertThat(v.notModified("\"other\", " + v.etag(), null)).isTrue();
    assertThat(v.notModified("\"other\"", v.lastModifiedHeader())).as("If-None-Match decides").isFalse();
    assertThat(v.notModified(null, v.lastModifiedHeader())).isTrue();
    assertThat(v.notModified(null, "Mon, 01 Dec 2025 00:00:00 GMT")).isFalse();
    assertThat(v.notModified(null, "garbage")).isFalse();
    FeedView withEdit = new FeedView(view.title(), view.self(), view.page(),
        List.of(plain, Posts.edited(edited, "Newer", T.plusSeconds(7200))));
    assertThat(Validators.of("atom.xml", withEdit).etag()).isNotEqualTo(v.etag());
    assertThat(Validators.of("feed.json", view).etag()).isNotEqualTo(v.etag());
  }

  @Test
  void lastModifiedComesFromWhenFeedpipeSawThePostsNotFromTheirClaimedDates() {
    CleanPost future = CleanPost.newBuilder(Posts.post("f", "one", "Claims 2099", T))
        .setPublishedAt(Instant.parse("2099-01-01T00:00:00Z")).setUpdatedAt(Instant.parse("2099-06-01T00:00:00Z")).build();
    FeedView before = new FeedView(view.title(), view.self(), view.page(), List.of(future));
    Validators v = Validators.of("atom.xml", before);
    assertThat(v.lastModified()).isEqualTo(T);
    // A client that sends only If-Modified-Since sees the next post, not 304 until 2099.
    FeedView after = new FeedView(view.title(), view.self(), view.page(),
        List.of(Posts.post("n", "one", "Next", T.plusSeconds(600)), future));
    assertThat(Validators.of("atom.xml", after).notModified(null, v.lastModifiedHeader())).isFalse();
    assertThat(Validators.of("atom.xml", before).notModified(null, v.lastModifiedHeader())).isTrue();
  }
}

package io.feedpipe.web.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.client.serde.CleanPostSerde;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.web.Posts;
import io.feedpipe.web.WebSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web store's topology on TopologyTestDriver: what each listing answers after a sequence of records. */
class WebTopologyTest {
  private static final Instant T = Instant.parse("2025-12-01T00:00:00Z");

  @TempDir Path stateDir;
  TopologyTestDriver driver;
  TestInputTopic<String, CleanPost> clean;
  TestInputTopic<String, CleanPost> papers;
  PostQueries queries;

  @BeforeEach
  void start() {
    FeedpipeTopics topics = FeedpipeTopics.defaults(List.of("papers")).withPrefix("news.");
    WebSettings settings = WebSettings.defaults(new InetSocketAddress("127.0.0.1", 0), topics, Map.of("papers", topics.route("papers")), stateDir)
        .withMaxPosts(5);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(WebTopology.build(settings), props);
    clean = driver.createInputTopic("news.posts.clean", new StringSerializer(), new CleanPostSerde().serializer());
    papers = driver.createInputTopic("news.posts.route.papers", new StringSerializer(), new CleanPostSerde().serializer());
    KeyValueStore<String, byte[]> posts = driver.getKeyValueStore(WebTopology.POSTS_STORE);
    KeyValueStore<String, byte[]> route = driver.getKeyValueStore(WebTopology.routeStore("papers"));
    queries = new PostQueries(() -> posts, List.of("papers"), name -> route);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void add(CleanPost post) {
    clean.pipeInput(post.getPostId(), post);
  }

  private static List<String> titles(PostPage page) {
    return page.posts().stream().map(CleanPost::getTitle).toList();
  }

  @Test
  void listsNewestFirstAcrossFeedsAndPerFeedWithPages() {
    add(Posts.post("a", "one", "A", T.plusSeconds(10)));
    add(Posts.post("b", "two", "B", T.plusSeconds(30)));
    add(Posts.post("c", "one", "C", T.plusSeconds(20)));
    assertThat(titles(queries.newest(1, 2))).containsExactly("B", "C");
    assertThat(queries.newest(1, 2).hasNext()).isTrue();
    assertThat(titles(queries.newest(2, 2))).containsExactly("A");
    assertThat(queries.newest(2, 2).hasNext()).isFalse();
    assertThat(titles(queries.ofFeed("one", 1, 10))).containsExactly("C", "A");
    assertThat(queries.feeds()).containsExactly(new FeedCount("one", 2), new FeedCount("two", 1));
    assertThat(queries.size()).isEqualTo(3);
  }

  @Test
  void anEditReplacesItsPostAndItsIndexKeysAndAnOlderRevisionIsIgnored() {
    CleanPost first = Posts.post("a", "one", "Quantum widgets", T);
    add(first);
    CleanPost edit = CleanPost.newBuilder(Posts.edited(first, "Classical gadgets", T.plusSeconds(60))).setText("Body").build();
    add(edit);
    add(first); // a replayed older revision
    assertThat(titles(queries.newest(1, 10))).containsExactly("Classical gadgets");
    assertThat(queries.search("quantum", 1, 10).posts()).isEmpty();
    assertThat(titles(queries.search("gadgets", 1, 10))).containsExactly("Classical gadgets");
    assertThat(queries.size()).isEqualTo(1);
  }

  @Test
  void searchFindsPostsHoldingEveryTermNewestFirst() {
    add(Posts.post("a", "one", "Rust borrow checker", T.plusSeconds(1), "<p>x</p>", "lifetimes and ownership"));
    add(Posts.post("b", "one", "Java records", T.plusSeconds(2), "<p>x</p>", "ownership of data, immutability"));
    add(Posts.post("c", "one", "Go channels", T.plusSeconds(3), "<p>x</p>", "Ownership is not a Go word; LIFETIMES neither"));
    assertThat(titles(queries.search("ownership", 1, 10))).containsExactly("Go channels", "Java records", "Rust borrow checker");
    assertThat(titles(queries.search("Lifetimes OWNERSHIP", 1, 10))).containsExactly("Go channels", "Rust borrow checker");
    assertThat(titles(queries.search("ownership", 2, 2))).containsExactly("Rust borrow checker");
    assertThat(queries.search("  ;; ", 1, 10).posts()).isEmpty();
    assertThat(queries.search("absent", 1, 10).posts()).isEmpty();
  }

  @Test
  void holdsAtMostMaxPostsDroppingTheOldest() {
    for (int i = 0; i < 8; i++) {
      add(Posts.post("p" + i, "f" + (i % 2), "Post " + i, T.plusSeconds(i)));
    }
    assertThat(titles(queries.newest(1, 10))).containsExactly("Post 7", "Post 6", "Post 5", "Post 4", "Post 3");
    assertThat(queries.size()).isEqualTo(5);
    assertThat(queries.search("post", 1, 10).posts()).hasSize(5);
    assertThat(queries.feeds()).containsExactly(new FeedCount("f0", 2), new FeedCount("f1", 3));
  }

  @Test
  void aTombstoneRemovesThePost() {
    add(Posts.post("a", "one", "A", T));
    clean.pipeInput("a", null);
    assertThat(queries.newest(1, 10).posts()).isEmpty();
    assertThat(queries.feeds()).isEmpty();
    assertThat(queries.size()).isZero();
  }

  @Test
  void routeListsItsMatchesFromThePostStore() {
    CleanPost a = Posts.post("a", "one", "[Paper] A", T.plusSeconds(1));
    CleanPost b = Posts.post("b", "one", "Other", T.plusSeconds(2));
    CleanPost c = Posts.post("c", "one", "[Paper] C", T.plusSeconds(3));
    add(a);
    add(b);
    add(c);
    papers.pipeInput("a", a);
    papers.pipeInput("c", c);
    assertThat(titles(queries.ofRoute("papers", 1, 10).orElseThrow())).containsExactly("[Paper] C", "[Paper] A");
    assertThat(queries.ofRoute("nope", 1, 10)).isEmpty();
  }

  @Test
  void htmlIsGuardedOnTheWayInLinksGetRelAndScriptsGo() {
    add(Posts.post("a", "one", "A", T, "<p onclick=\"x()\">Hi <a href=\"https://e.example/\">e</a><script>alert(1)</script>"
        + "<a href=\"javascript:alert(1)\">j</a> <span class=\"math\">x^2</span></p>", "Hi e j x^2"));
    String html = queries.newest(1, 1).posts().get(0).getHtml();
    assertThat(html).isEqualTo("<p>Hi <a href=\"https://e.example/\" rel=\"noopener nofollow\">e</a>"
        + "<a rel=\"noopener nofollow\">j</a> <span class=\"math\">x^2</span></p>");
  }

  @Test
  void aPostDatedInTheFutureIsListedByWhenItWasFirstSeen() {
    Instant future = Instant.parse("2099-01-01T00:00:00Z");
    add(CleanPost.newBuilder(Posts.post("z", "one", "Claims 2099", T.plusSeconds(5))).setPublishedAt(future).build());
    add(Posts.post("a", "one", "Seen later", T.plusSeconds(10)));
    add(Posts.post("b", "one", "Old post", T.minusSeconds(3600)));
    assertThat(titles(queries.newest(1, 10))).containsExactly("Seen later", "Claims 2099", "Old post");
    assertThat(titles(queries.ofFeed("one", 1, 10))).containsExactly("Seen later", "Claims 2099", "Old post");
  }

  @Test
  void aFeedOfFutureDatedPostsDoesNotEvictEveryPostThatFollows() {
    Instant future = Instant.parse("2099-01-01T00:00:00Z");
    for (int i = 0; i < 5; i++) { // max-posts of them
      add(CleanPost.newBuilder(Posts.post("s" + i, "spam", "Spam " + i, T.plusSeconds(i))).setPublishedAt(future.plusSeconds(i)).build());
    }
    add(Posts.post("n1", "one", "News 1", T.plusSeconds(100)));
    add(Posts.post("n2", "one", "News 2", T.plusSeconds(200)));
    assertThat(titles(queries.newest(1, 10))).containsExactly("News 2", "News 1", "Spam 4", "Spam 3", "Spam 2");
    assertThat(queries.size()).isEqualTo(5);
  }
}

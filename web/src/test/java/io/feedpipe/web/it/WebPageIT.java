package io.feedpipe.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.sun.net.httpserver.HttpServer;
import io.feedpipe.client.serde.CleanPostSerde;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.web.WebApp;
import io.feedpipe.web.WebSettings;
import io.feedpipe.web.http.SecurityHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader page on a real broker: the LessWrong fixture (and a feed made of the sanitizer tests'
 * XSS vectors) through the real producer and Streams app into posts.clean, read by the web store,
 * served over HTTP, checked as a client, as a feed reader (Rome) and in headless Chromium; and the
 * Atom output fed back into the pipeline (round trip).
 */
@KafkaCluster
class WebPageIT {
  private static final Pattern FIXTURE_TITLE = Pattern.compile("<item>\\s*<title><!\\[CDATA\\[(.*?)]]></title>");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path temp;
  static HttpServer feeds;
  static WebApp web;
  static String bootstrap;
  static List<String> vectors;

  @BeforeAll
  static void runThePipelineAndStartThePage(KafkaClusterInfo kafka) throws Exception {
    bootstrap = kafka.bootstrapServers();
    vectors = xssVectors();
    feeds = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicReference<byte[]> lesswrong = new AtomicReference<>();
    feeds.createContext("/lesswrong.xml", exchange -> {
      byte[] body = lesswrong.get();
      exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    serve(feeds, "/xss.xml", xssFeed(vectors).getBytes(StandardCharsets.UTF_8), "application/rss+xml");
    feeds.start();
    String base = "http://127.0.0.1:" + feeds.getAddress().getPort();
    String prefix = kafka.uniqueName("web") + ".";
    // The fixture's three polls: 20 posts, two of them edited (fixtures/lesswrong/README.md).
    List<Runnable> polls = new ArrayList<>();
    for (String poll : List.of("poll-1.xml", "poll-2.xml", "poll-3.xml")) {
      byte[] body = fixture(poll);
      polls.add(() -> lesswrong.set(body));
    }
    Pipeline.run(bootstrap, prefix, temp.resolve("streams"),
        List.of(Pipeline.feed("lesswrong", base + "/lesswrong.xml"), Pipeline.feed("xss", base + "/xss.xml")), polls);

    WebSettings settings = WebSettings.defaults(new InetSocketAddress("127.0.0.1", 0), Pipeline.topics(prefix),
        Pipeline.routeTopics(prefix), temp.resolve("web"));
    web = WebApp.start(settings, bootstrap, Map.of(), true);
    assertThat(web.awaitRunning(Duration.ofSeconds(90))).as("web store running").isTrue();
    await().atMost(Duration.ofSeconds(60)).until(() -> web.store().queries().size() == 20 + vectors.size());
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
    if (feeds != null) {
      feeds.stop(0);
    }
  }

  @Test
  void servesTheTwentyLessWrongPostsWithFeedRouteSearchAndPages() throws Exception {
    Document feed = page("feed/lesswrong");
    assertThat(feed.select("article.post")).hasSize(20);
    assertThat(titles(feed)).isEqualTo(fixtureTitles(""));
    assertThat(feed.select(".post-title a")).allSatisfy(a -> {
      assertThat(a.attr("rel")).isEqualTo("noopener nofollow");
      assertThat(a.attr("href")).startsWith("https://www.lesswrong.com/");
    });
    assertThat(feed.select(".meta time")).hasSize(20);
    Map<String, String> edits = new HashMap<>();
    for (Element post : feed.select("article.post:has(.edited)")) {
      edits.put(post.selectFirst(".post-title").text(), post.selectFirst(".edited").text());
    }
    assertThat(edits).containsOnlyKeys("I have hope", "A few quick thoughts on measuring disempowerment");
    assertThat(edits.values()).allSatisfy(mark -> assertThat(mark).startsWith("edited: ").contains("text changed"));

    Document front = page("");
    assertThat(front.select("article.post")).hasSize(20);
    assertThat(front.selectFirst("a[rel=next]").attr("href")).isEqualTo("/?page=2");
    Document second = page("?page=2");
    Set<String> both = new TreeSet<>(titles(front));
    both.addAll(titles(second));
    assertThat(both).hasSize(40);

    assertThat(titles(page("route/papers"))).isEqualTo(fixtureTitles("[Paper]"));
    assertThat(titles(page("route/linkposts"))).isEqualTo(fixtureTitles("[Linkpost]"));
    assertThat(titles(page("search?q=disempowerment+measuring"))).contains("A few quick thoughts on measuring disempowerment");
    assertThat(get("route/nope").statusCode()).isEqualTo(404);

    HttpResponse<String> response = get("");
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.POLICY);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
  }

  @Test
  void feedsOutParseBackWithRomeAndAnswerConditionalGets() throws Exception {
    HttpResponse<String> atom = get("feed/lesswrong/atom.xml");
    assertThat(atom.statusCode()).isEqualTo(200);
    SyndFeed parsed = new SyndFeedInput().build(new StringReader(atom.body()));
    assertThat(parsed.getFeedType()).isEqualTo("atom_1.0");
    assertThat(parsed.getEntries()).hasSize(20);
    assertThat(parsed.getEntries().stream().map(SyndEntry::getTitle).collect(Collectors.toSet())).isEqualTo(fixtureTitles(""));
    assertThat(parsed.getEntries().stream().map(SyndEntry::getUri).distinct()).hasSize(20);
    assertThat(parsed.getEntries()).allSatisfy(e -> {
      assertThat(e.getUpdatedDate()).isNotNull();
      assertThat(URI.create(e.getLink()).isAbsolute()).isTrue();
    });

    String etag = atom.headers().firstValue("ETag").orElseThrow();
    String lastModified = atom.headers().firstValue("Last-Modified").orElseThrow();
    assertThat(send("feed/lesswrong/atom.xml", Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
    assertThat(send("feed/lesswrong/atom.xml", Map.of("If-Modified-Since", lastModified)).statusCode()).isEqualTo(304);
    assertThat(send("feed/lesswrong/atom.xml", Map.of("If-None-Match", "\"stale\"")).statusCode()).isEqualTo(200);

    JsonNode json = new ObjectMapper().readTree(get("route/papers/feed.json").body());
    assertThat(json.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
    List<String> jsonTitles = new ArrayList<>();
    json.get("items").forEach(item -> jsonTitles.add(item.get("title").asText()));
    assertThat(new TreeSet<>(jsonTitles)).isEqualTo(fixtureTitles("[Paper]"));
    SyndFeed all = new SyndFeedInput().build(new StringReader(get("atom.xml").body()));
    assertThat(all.getEntries()).hasSize(WebSettings.DEFAULT_FEED_ENTRIES);
  }

  @Test
  void chromiumShowsTitlesTexNoCssAndNoXssAndReportsNoCspViolation() throws Exception {
    Chromium chromium = Chromium.requireInstalled();
    String url = web.url().toString();

    Document dom = Jsoup.parse(chromium.dumpDom(url + "feed/lesswrong"));
    assertThat(titles(dom)).isEqualTo(fixtureTitles(""));
    String body = dom.body().text();
    assertThat(body).doesNotContain("@font-face").doesNotContain("mjx-").doesNotContain("font-family")
        .doesNotContainPattern("\\{[^{}]*:[^{}]*;[^{}]*}");
    assertThat(dom.select(".content .math")).isNotEmpty().allSatisfy(math -> assertThat(math.text()).isNotBlank());
    assertThat(dom.select(".content .math").eachText()).anyMatch(tex -> tex.contains("\\") || tex.contains("^") || tex.contains("_"));
    assertThat(body).contains("Let X denote the space of macrostates");

    Document xss = Jsoup.parse("");
    for (int page = 1; xss.select("article.post").size() < vectors.size() && page <= 10; page++) {
      Document dump = Jsoup.parse(chromium.dumpDom(url + "feed/xss?page=" + page));
      xss.body().appendChildren(dump.body().childNodesCopy());
    }
    assertThat(xss.select("article.post")).hasSize(vectors.size());
    assertThat(xss.select("script, style, iframe, object, embed, frame, frameset, base, form:not(.search), meta[http-equiv]")).isEmpty();
    for (Element el : xss.getAllElements()) {
      el.attributes().forEach(attr -> {
        assertThat(attr.getKey()).as("attribute on <%s>", el.tagName()).doesNotStartWith("on").isNotEqualTo("style");
        // A URL's scheme is what runs: javascript: inside an https URL's path is only text.
        assertThat(attr.getValue().toLowerCase().replaceAll("[\\s\\x00-\\x1f]", "")).as("%s=", attr.getKey())
            .doesNotStartWith("javascript:").doesNotStartWith("vbscript:").doesNotStartWith("data:");
      });
    }
    // Titles are plain text after cleaning (a vector's tags are gone, its other characters stay):
    // the page shows each exactly as that text, "<" and all, never as markup.
    Set<String> held = new TreeSet<>();
    for (int page = 1; page <= 10; page++) {
      web.store().queries().ofFeed("xss", page, 20).posts()
          .forEach(p -> held.add(p.getTitle().isBlank() ? "(untitled)" : p.getTitle().replaceAll("\\s+", " ").strip()));
    }
    assertThat(titles(xss)).isEqualTo(held);
    assertThat(held).anyMatch(title -> title.contains("<") || title.contains(">"));

    Path png = Path.of("target", "web-page.png");
    chromium.screenshot(url + "feed/lesswrong", png, 1280, 1600);

    // The report path works: a page breaking the same policy is reported; the reader pages were not.
    HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String policy = SecurityHeaders.POLICY.replace("report-uri /csp-report", "report-uri " + url + "csp-report");
    control.createContext("/control.html", exchange -> {
      byte[] page = "<!DOCTYPE html><html><head><style>body{color:red}</style></head><body><p style=\"color:red\">x</p><script>document.title='ran'</script></body></html>"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Security-Policy", policy);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    control.start();
    try {
      Document controlDom = Jsoup.parse(chromium.dumpDom("http://127.0.0.1:" + control.getAddress().getPort() + "/control.html"));
      assertThat(controlDom.title()).as("the inline script was blocked").isNotEqualTo("ran");
      await().atMost(Duration.ofSeconds(30)).until(() -> web.cspReports().forPage("/control.html") >= 1);
    } finally {
      control.stop(0);
    }
    assertThat(web.cspReports().forPage("/")).isZero();
    assertThat(web.cspReports().forPage("/feed/lesswrong")).isZero();
    assertThat(web.cspReports().byPage()).as("reports by page").containsOnlyKeys("other");
    assertThat(web.cspReports().total()).isEqualTo(web.cspReports().forPage("/control.html"));
  }

  @Test
  void atomOutputFedBackIntoThePipelineYieldsTheSameTwentyPosts(KafkaClusterInfo kafka) throws Exception {
    String prefix = kafka.uniqueName("roundtrip") + ".";
    Pipeline.runOnce(bootstrap, prefix, temp.resolve("roundtrip-streams"),
        List.of(Pipeline.feed("lesswrong-atom", web.url() + "feed/lesswrong/atom.xml")));
    Map<String, CleanPost> again = new HashMap<>();
    for (CleanPost post : readAll(Pipeline.topics(prefix).clean())) {
      again.put(post.getTitle(), post);
    }
    List<CleanPost> original = web.store().queries().ofFeed("lesswrong", 1, 20).posts();
    assertThat(original).hasSize(20);
    assertThat(again.keySet()).isEqualTo(fixtureTitles(""));
    for (CleanPost before : original) {
      CleanPost after = again.get(before.getTitle());
      assertThat(after.getLink()).isEqualTo(before.getLink());
      // An entry without authors inherits the feed's (feedpipe): Atom requires an author for each.
      assertThat(after.getAuthors()).isEqualTo(before.getAuthors().isEmpty() ? List.of("feedpipe") : before.getAuthors());
      assertThat(after.getPublishedAt()).isEqualTo(before.getPublishedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      assertThat(TextSimilarity.of(before.getText(), after.getText())).as(before.getTitle()).isGreaterThanOrEqualTo(0.99);
    }
  }

  private static List<CleanPost> readAll(String topic) {
    Map<String, Object> props = Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", false);
    List<CleanPost> posts = new ArrayList<>();
    try (KafkaConsumer<String, CleanPost> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new CleanPostSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, CleanPost> record : consumer.poll(Duration.ofMillis(500))) {
          posts.add(record.value());
        }
      }
    }
    return posts;
  }

  private static Document page(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as("GET /%s", path).isEqualTo(200);
    return Jsoup.parse(response.body());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send(path, Map.of());
  }

  private static HttpResponse<String> send(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(web.url().resolve(path)).GET();
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Set<String> titles(Document doc) {
    return doc.select("article.post .post-title").stream().map(Element::text).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> fixtureTitles(String prefix) throws IOException {
    Matcher m = FIXTURE_TITLE.matcher(new String(fixture("feed.xml"), StandardCharsets.UTF_8));
    Set<String> titles = new TreeSet<>();
    while (m.find()) {
      if (m.group(1).startsWith(prefix)) {
        titles.add(m.group(1));
      }
    }
    return titles;
  }

  private static String xssTitle(int i, String vector) {
    return "XSS " + i + ": " + vector;
  }

  /** An RSS feed with one item per vector: the vector as title (text) and as description (HTML). */
  private static String xssFeed(List<String> vectors) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
        + "<title>XSS vectors</title><link>https://xss.example/</link><description>vectors</description>\n");
    for (int i = 0; i < vectors.size(); i++) {
      xml.append("<item><title>").append(xmlEscape(xssTitle(i, vectors.get(i)))).append("</title>")
          .append("<link>https://xss.example/post/").append(i).append("</link>")
          .append("<guid>https://xss.example/post/").append(i).append("</guid>")
          .append("<description>").append(xmlEscape("<p>Vector " + i + "</p>" + vectors.get(i))).append("</description></item>\n");
    }
    return xml.append("</channel></rss>\n").toString();
  }

  private static String xmlEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
  }

  private static List<String> xssVectors() throws IOException {
    try (InputStream in = WebPageIT.class.getResourceAsStream("/clean/xss-vectors.txt")) {
      assertThat(in).as("clean/xss-vectors.txt on the test classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }
  }

  private static void serve(HttpServer server, String path, byte[] body, String type) {
    server.createContext(path, exchange -> {
      exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = WebPageIT.class.getResourceAsStream("/fixtures/lesswrong/" + name)) {
      if (in == null) {
        throw new IOException("fixture missing: /fixtures/lesswrong/" + name);
      }
      return in.readAllBytes();
    }
  }
}

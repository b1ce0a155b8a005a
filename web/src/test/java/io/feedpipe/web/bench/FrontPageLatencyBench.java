package io.feedpipe.web.bench;

import io.feedpipe.broker.BrokerConfig;
import io.feedpipe.broker.EmbeddedKafkaBroker;
import io.feedpipe.client.serde.CleanPostSerde;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.topics.TopicCreator;
import io.feedpipe.web.WebApp;
import io.feedpipe.web.WebSettings;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Page latency benchmark (not a test): the front page with N posts held. Starts an embedded broker,
 * writes N LessWrong-sized CleanPosts (about 6 KB of HTML each, 50 feeds, a year of dates) to
 * posts.clean, starts the web server on them, and times sequential GETs of {@code /} (and of a
 * search and a feed page) from one client on the same machine. Run with scripts/bench-web-page.sh.
 *
 * <p>Arguments: [posts (10000)] [requests (2000)].
 */
public final class FrontPageLatencyBench {
  private static final String[] WORDS = ("the of and to in a is that for it as with was on be by this are or from at an but not which have "
      + "model agent reward policy alignment training gradient optimization power empowerment inference evidence prior posterior "
      + "argument claim world value human future research paper result measure signal noise system market language").split(" ");

  public static void main(String[] args) throws Exception {
    int posts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "target")), "web-bench-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new BrokerConfig("127.0.0.1", port, dir.resolve("kafka"), Map.of()))) {
      String bootstrap = broker.bootstrapServers();
      FeedpipeTopics topics = FeedpipeTopics.defaults(List.of()).withPrefix("bench.");
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        new TopicCreator(admin).ensure(topics.all().stream().filter(t -> t.name().equals(topics.clean())).toList());
      }
      long writeStart = System.nanoTime();
      try (KafkaProducer<String, CleanPost> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 20),
          new StringSerializer(), new CleanPostSerde().serializer())) {
        Random random = new Random(42);
        for (int i = 0; i < posts; i++) {
          CleanPost post = post(i, random);
          producer.send(new ProducerRecord<>(topics.clean(), post.getPostId(), post));
        }
      }
      System.out.printf("wrote %,d posts in %.1f s%n", posts, (System.nanoTime() - writeStart) / 1e9);

      WebSettings settings = WebSettings.defaults(new InetSocketAddress("127.0.0.1", 0), topics, Map.of(), dir.resolve("web"))
          .withMaxPosts(posts);
      long loadStart = System.nanoTime();
      try (WebApp web = WebApp.start(settings, bootstrap, Map.of(), true)) {
        web.awaitRunning(Duration.ofMinutes(10));
        while (web.store().queries().size() < posts) {
          Thread.sleep(200);
        }
        System.out.printf("web store holds %,d posts after %.1f s%n", web.store().queries().size(), (System.nanoTime() - loadStart) / 1e9);
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("", "search?q=alignment+reward", "feed/feed-7", "atom.xml")) {
          measure(client, web.url().resolve(path), requests);
        }
      }
    }
  }

  private static void measure(HttpClient client, URI url, int requests) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(url).GET().build();
    for (int i = 0; i < Math.max(100, requests / 10); i++) {
      client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
    long[] nanos = new long[requests];
    long bytes = 0;
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      nanos[i] = System.nanoTime() - start;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + response.statusCode());
      }
      bytes = response.body().length;
    }
    Arrays.sort(nanos);
    System.out.printf("GET %-40s %d requests, %,d bytes: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n", url.getPath()
        + (url.getQuery() == null ? "" : "?" + url.getQuery()), requests, bytes, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99),
        nanos[requests - 1] / 1e6);
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  private static CleanPost post(int i, Random random) {
    StringBuilder html = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < 12; p++) {
      StringBuilder para = new StringBuilder();
      for (int w = 0; w < 70; w++) {
        para.append(WORDS[random.nextInt(WORDS.length)]).append(w == 69 ? "." : " ");
      }
      html.append("<p>").append(para);
      if (p == 3) {
        html.append(" <span class=\"math\">\\sum_{i=1}^n x_i^2</span>");
      }
      html.append(" <a href=\"https://example.org/").append(i).append('/').append(p).append("\" rel=\"noopener nofollow\">link</a></p>");
      text.append(para).append("\n\n");
    }
    Instant published = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(365 * 86_400));
    String words = text.toString();
    return CleanPost.newBuilder()
        .setPostId("https://bench.example/post/" + i).setRevision(1).setTitle("Post " + i + ": " + WORDS[i % WORDS.length] + " and "
            + WORDS[(i * 7) % WORDS.length]).setLink("https://bench.example/post/" + i)
        .setAuthors(List.of("Author " + (i % 300))).setCategories(List.of("tag" + (i % 20)))
        .setPublishedAt(published).setUpdatedAt(null).setText(words).setHtml(html.toString())
        .setExcerpt(words.substring(0, 280)).setWordCount(840).setOutboundLinks(List.of())
        .setContentHash(Integer.toHexString(i)).setPreviousContentHash(null)
        .setFeedId("feed-" + (i % 50)).setFeedUrl("https://bench.example/feed-" + (i % 50) + ".xml")
        .setFirstSeenAt(published).setLastSeenAt(published).setFetchId("bench")
        .setReadingTimeMinutes(4).setImages(List.of()).setLanguage("en").setLanguageSource("feed")
        .setEdit(null).setRepairs(List.of()).setTruncated(false).setOriginalSize(null).build();
  }
}

package io.feedpipe.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.app.cli.CliRun;
import io.feedpipe.client.DeadLetter;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.sinks.jsonl.JsonlSink;
import io.feedpipe.sinks.jsonl.JsonlSinkSettings;
import io.feedpipe.sinks.postgres.PostgresSink;
import io.feedpipe.sinks.postgres.PostgresSinkSettings;
import io.feedpipe.testsupport.PostgresDatabase;
import io.feedpipe.testsupport.PostgresTables;
import io.feedpipe.testsupport.RealPostgres;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.sql.Connection;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through the whole pipeline ({@code feedpipe run --once} on the embedded broker):
 * the 20 LessWrong posts share an RSS feed with entries built to break a careless pipeline
 * (oversize posts and entries, a runaway route regex, script-scheme and malformed links, deep
 * nesting, huge titles, ids and author lists, absurd dates, script in titles), and a JSON Feed
 * carries NULs, control characters and unpaired surrogates in every string field. Every good post
 * reaches posts.clean exactly once; every hostile entry is in posts.clean repaired or truncated (and
 * says so) or in posts.dlq with a reason; no stream thread fails; and the routes other than the
 * runaway one still route. Uses feedpipe's fixed topic names: its own JVM (failsafe reuseForks=false).
 */
@KafkaCluster
@RealPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

  /** Bounds every post in posts.clean keeps, whatever the feed sent. */
  static final int MAX_POST_ID_CHARS = 512;
  static final int MAX_TITLE_CHARS = 2_000;
  static final int MAX_RECORD_BYTES = 1_000_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;

  static List<String> lessWrongTitles;
  static List<CleanPost> clean;
  static List<ConsumerRecord<byte[], byte[]>> dlq;
  static Map<String, List<CleanPost>> routed;
  static CliRun run;

  @BeforeAll
  static void runThePipelineOverHostileFeeds(KafkaClusterInfo kafka) throws Exception {
    String lessWrong;
    try (InputStream in = HostileInputIT.class.getResourceAsStream("/fixtures/lesswrong/feed.xml")) {
      lessWrong = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    lessWrongTitles = titles(lessWrong);
    assertThat(lessWrongTitles).hasSize(20);
    Path rss = Files.writeString(work.resolve("hostile.xml"), HostileFeeds.rssWithHostileItems(lessWrong));
    Path json = Files.writeString(work.resolve("hostile.json"), HostileFeeds.jsonFeed());
    Path yaml = Files.writeString(work.resolve("feedpipe.yaml"), """
        feeds:
          - id: hostile-rss
            url: %s
          - id: hostile-json
            url: %s
        routes:
          - name: runaway
            when: {text: '(a|b)+$'}
          - name: hope
            when: {title: '^I have hope$'}
          - name: everything
            when: {words: {min: 0}}
        """.formatted(rss.toUri(), json.toUri()));

    run = CliRun.of("run", "--once", "--config", yaml.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
        "--data-dir", work.resolve("data").toString());

    clean = TopicReader.readAll(kafka.bootstrapServers(), FeedpipeTopics.CLEAN, AvroSerdes.serde(CleanPost.class).deserializer())
        .stream().map(ConsumerRecord::value).toList();
    dlq = TopicReader.readAll(kafka.bootstrapServers(), FeedpipeTopics.DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    routed = new LinkedHashMap<>();
    for (String route : List.of("runaway", "hope", "everything")) {
      routed.put(route, TopicReader.readAll(kafka.bootstrapServers(), "posts.route." + route, AvroSerdes.serde(CleanPost.class).deserializer())
          .stream().map(ConsumerRecord::value).toList());
    }
  }

  @Test
  void theRunEndsWellAndNoStreamThreadFails() {
    assertThat(run.exitCode()).as("run --once: %s", run.err()).isZero();
  }

  @Test
  void everyGoodPostReachesPostsCleanExactlyOnce() {
    Map<String, Long> byTitle = clean.stream().collect(Collectors.groupingBy(CleanPost::getTitle, Collectors.counting()));
    for (String title : lessWrongTitles) {
      assertThat(byTitle.get(title)).as("revisions of '%s' in posts.clean", title).isEqualTo(1L);
    }
    for (String title : HostileFeeds.GOOD_JSON_TITLES) {
      assertThat(byTitle.get(title)).as("revisions of '%s' in posts.clean", title).isEqualTo(1L);
    }
  }

  @Test
  void everyHostileEntryIsInPostsCleanRepairedOrInTheDeadLetterTopicWithAReason() {
    Map<String, CleanPost> hostile = byMarker(clean);
    List<DeadLetter> letters = dlq.stream().map(DeadLetter::from).toList();
    assertThat(letters).allSatisfy(letter -> assertThat(letter.message()).as("reason of a dead letter").isPresent());
    for (String marker : HostileFeeds.MARKERS) {
      boolean inClean = hostile.containsKey(marker);
      boolean inDlq = letters.stream().anyMatch(letter -> letter.message().orElse("").contains(marker)
          || new String(letter.value() == null ? new byte[0] : letter.value(), StandardCharsets.UTF_8).contains(marker));
      assertThat(inClean || inDlq).as("hostile entry %s in posts.clean or posts.dlq", marker).isTrue();
    }
    assertThat(hostile.keySet()).as("entries in posts.clean once each").hasSize(
        (int) clean.stream().filter(p -> HostileFeeds.marker(p.getTitle()) != null).count());
  }

  @Test
  void repairedEntriesSaySoAndKeepTheirBounds() {
    Map<String, CleanPost> hostile = byMarker(clean);
    assertThat(hostile.get(HostileFeeds.OVERSIZE_POST).getTruncated()).as("oversize post truncated").isTrue();
    assertThat(hostile.get(HostileFeeds.OVERSIZE_POST).getOriginalSize()).isGreaterThan(800_000L);
    assertThat(hostile.get(HostileFeeds.OVERSIZE_ENTRY).getTruncated()).as("oversize entry truncated").isTrue();
    assertThat(hostile.get(HostileFeeds.OVERSIZE_ENTRY).getOriginalSize()).isGreaterThan(2_000_000L);
    for (String marker : HostileFeeds.BAD_LINKS) {
      CleanPost post = hostile.get(marker);
      assertThat(post.getLink()).as("link of %s", marker).isNull();
      assertThat(post.getRepairs()).as("repairs of %s", marker).anySatisfy(note -> assertThat(note).startsWith("link"));
    }
    assertThat(hostile.get(HostileFeeds.HUGE_TITLE).getTitle().length()).isLessThanOrEqualTo(MAX_TITLE_CHARS);
    assertThat(hostile.get(HostileFeeds.HUGE_TITLE).getRepairs()).anySatisfy(note -> assertThat(note).startsWith("title"));
    assertThat(hostile.get(HostileFeeds.HUGE_GUID).getPostId().length()).isLessThanOrEqualTo(MAX_POST_ID_CHARS);
    assertThat(hostile.get(HostileFeeds.HUGE_GUID).getRepairs()).isNotEmpty();
    assertThat(hostile.get(HostileFeeds.MANY_CATEGORIES).getCategories().size()).isLessThan(HostileFeeds.CATEGORY_COUNT);
    assertThat(hostile.get(HostileFeeds.MANY_CATEGORIES).getRepairs()).anySatisfy(note -> assertThat(note).startsWith("categories"));
    assertThat(hostile.get(HostileFeeds.JSON_MANY_AUTHORS).getAuthors().size()).isLessThan(HostileFeeds.AUTHOR_COUNT);
    Instant year300000 = hostile.get(HostileFeeds.JSON_ABSURD_DATE).getPublishedAt();
    assertThat(year300000 == null || year300000.isBefore(Instant.parse("2200-01-01T00:00:00Z"))).as("publishedAt %s", year300000).isTrue();
    assertThat(hostile.get(HostileFeeds.JSON_ABSURD_DATE).getRepairs()).anySatisfy(note -> assertThat(note).startsWith("publishedAt"));
    assertThat(hostile.get(HostileFeeds.JSON_NUL_EVERYWHERE).getRepairs()).isNotEmpty();
    assertThat(hostile.get(HostileFeeds.SCRIPT_TITLE).getTitle()).doesNotContain("<script").doesNotContain("alert(1)");
  }

  @Test
  void everyPostInPostsCleanIsBoundedValidUnicodeWithSafeLinks() {
    for (CleanPost post : clean) {
      String what = post.getPostId().substring(0, Math.min(80, post.getPostId().length()));
      assertThat(post.getPostId().length()).as("post id length of %s", what).isLessThanOrEqualTo(MAX_POST_ID_CHARS);
      assertThat(AvroSerdes.serde(CleanPost.class).serializer().serialize(FeedpipeTopics.CLEAN, post).length)
          .as("record size of %s", what).isLessThan(MAX_RECORD_BYTES);
      for (Map.Entry<String, String> field : strings(post).entrySet()) {
        boolean multiLine = field.getKey().equals("text") || field.getKey().equals("html");
        assertThat(HostileFeeds.firstBadChar(field.getValue(), multiLine)).as("%s.%s", what, field.getKey()).isEqualTo(-1);
      }
      if (post.getLink() != null) {
        assertThat(post.getLink()).as("link of %s", what).matches("(?i)^https?://.+");
      }
      assertThat(post.getOutboundLinks()).allSatisfy(link -> assertThat(link).matches("(?i)^https?://.+"));
    }
  }

  @Test
  void rulesOtherThanTheRunawayOneStillRoute() {
    assertThat(routed.get("hope")).extracting(CleanPost::getTitle).containsExactly("I have hope");
    assertThat(routed.get("everything")).as("a rule every post matches").hasSameSizeAs(clean);
    assertThat(byMarker(clean)).containsKey(HostileFeeds.RUNAWAY_REGEX);
  }

  /**
   * Both sinks over posts.clean, with two revisions no feedpipe pipeline writes (posts.clean may be
   * written by others, or by an older feedpipe) and a jsonl line bound below the truncated posts'
   * size: each sink writes every other record once and sets each refused one aside with its reason.
   */
  @Test
  void sinksWriteEveryGoodPostAndRejectEachBadOneWithItsReason(KafkaClusterInfo kafka, PostgresDatabase db) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    CleanPost template = clean.stream().filter(p -> lessWrongTitles.contains(p.getTitle())).findFirst().orElseThrow();
    CleanPost nul = CleanPost.newBuilder(template).setPostId("injected:nul").setAuthors(List.of("Ann\u0000Nul")).build();
    CleanPost farFuture = CleanPost.newBuilder(template).setPostId("injected:year-300000")
        .setPublishedAt(Instant.parse("+300000-01-01T00:00:00Z")).build();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new StringSerializer(), AvroSerdes.serde(CleanPost.class).serializer())) {
      for (CleanPost post : List.of(nul, farFuture)) {
        producer.send(new ProducerRecord<>(FeedpipeTopics.CLEAN, post.getPostId(), post)).get(30, TimeUnit.SECONDS);
      }
    }
    int records = clean.size() + 2;

    PostgresSink postgres = new PostgresSink(PostgresSinkSettings.of(db.jdbcUrl(), db.user(), db.password()),
        Map.of("bootstrap.servers", bootstrap));
    runUntil(postgres, () -> postgres.recordsHandled() + postgres.recordsRejected() >= records, postgres::stopAndAwait);
    try (Connection c = db.connect()) {
      assertThat(PostgresTables.rows(c, "posts", "post_id")).extracting(r -> (String) r.get("post_id"))
          .containsExactlyInAnyOrderElementsOf(clean.stream().map(CleanPost::getPostId).toList());
      List<Map<String, Object>> rejects = PostgresTables.rows(c, "sink_rejects", "record_key");
      assertThat(rejects).extracting(r -> new String(HexFormat.of().parseHex((String) r.get("record_key")), StandardCharsets.UTF_8))
          .containsExactly("injected:nul", "injected:year-300000");
      assertThat(rejects).extracting(r -> (String) r.get("sql_state")).containsExactly("22021", "22008");
      assertThat(rejects).allSatisfy(r -> assertThat((String) r.get("error")).isNotBlank());
    }

    Path archive = work.resolve("archive");
    int maxLine = 200 * 1024;
    JsonlSink jsonl = new JsonlSink(JsonlSinkSettings.defaults(archive).withMaxLineBytes(maxLine), Map.of("bootstrap.servers", bootstrap));
    runUntil(jsonl, () -> jsonl.linesWritten() + jsonl.recordsRejected() >= records, jsonl::stopAndAwait);
    List<String> archived = archivedKeys(archive.resolve(FeedpipeTopics.CLEAN));
    List<String> rejected = rejectedKeys(archive.resolve(FeedpipeTopics.CLEAN));
    assertThat(archived).doesNotHaveDuplicates().doesNotContainAnyElementsOf(rejected);
    assertThat(archived.size() + rejected.size()).isEqualTo(records);
    Map<String, CleanPost> hostile = byMarker(clean);
    assertThat(rejected).as("posts whose line exceeds %d bytes", maxLine)
        .contains(hostile.get(HostileFeeds.OVERSIZE_POST).getPostId(), hostile.get(HostileFeeds.OVERSIZE_ENTRY).getPostId());
    assertThat(archived).as("every good post archived").containsAll(clean.stream()
        .filter(p -> lessWrongTitles.contains(p.getTitle()) || HostileFeeds.GOOD_JSON_TITLES.contains(p.getTitle()))
        .map(CleanPost::getPostId).toList());
  }

  private interface Stop {
    boolean await(Duration timeout) throws InterruptedException;
  }

  private static void runUntil(Runnable sink, java.util.concurrent.Callable<Boolean> done, Stop stop) throws InterruptedException {
    Thread thread = new Thread(sink, "hostile-input-sink");
    thread.start();
    try {
      Awaitility.await("the sink handles every record of posts.clean").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            assertThat(thread.isAlive()).as("sink thread alive").isTrue();
            return done.call();
          });
    } finally {
      assertThat(stop.await(Duration.ofSeconds(30))).isTrue();
      thread.join();
    }
  }

  /** The record keys of the finished archive files, in file and line order. */
  private static List<String> archivedKeys(Path topicDir) throws Exception {
    List<String> keys = new ArrayList<>();
    try (var files = Files.list(topicDir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList()) {
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            keys.add(key(JSON.readTree(line).get("key")));
          }
        }
      }
    }
    return keys;
  }

  /** The record keys in the rejects files, each line checked to carry a reason. */
  private static List<String> rejectedKeys(Path topicDir) throws Exception {
    List<String> keys = new ArrayList<>();
    try (var files = Files.list(topicDir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("rejects-")).sorted().toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          JsonNode reject = JSON.readTree(line);
          assertThat(reject.path("reason").asText()).as("reason in %s", line.substring(0, Math.min(200, line.length()))).isNotBlank();
          keys.add(key(reject.get("key")));
        }
      }
    }
    return keys;
  }

  /** A key as the archive writes it: text when UTF-8, else {"base64": …}. */
  private static String key(JsonNode key) {
    return key.isTextual() ? key.asText() : new String(Base64.getDecoder().decode(key.path("base64").asText()), StandardCharsets.UTF_8);
  }

  private static Map<String, CleanPost> byMarker(List<CleanPost> posts) {
    return posts.stream().filter(p -> HostileFeeds.marker(p.getTitle()) != null)
        .collect(Collectors.toMap(p -> HostileFeeds.marker(p.getTitle()), Function.identity(), (a, b) -> {
          throw new AssertionError("two revisions of " + HostileFeeds.marker(a.getTitle()) + " in posts.clean");
        }));
  }

  private static Map<String, String> strings(CleanPost post) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("postId", post.getPostId());
    fields.put("title", post.getTitle());
    fields.put("text", post.getText());
    fields.put("html", post.getHtml());
    fields.put("excerpt", post.getExcerpt());
    fields.put("feedId", post.getFeedId());
    fields.put("feedUrl", post.getFeedUrl());
    if (post.getLink() != null) {
      fields.put("link", post.getLink());
    }
    if (post.getLanguage() != null) {
      fields.put("language", post.getLanguage());
    }
    List<String> authors = new ArrayList<>(post.getAuthors());
    for (int i = 0; i < authors.size(); i++) {
      fields.put("authors[" + i + "]", authors.get(i));
    }
    for (int i = 0; i < post.getCategories().size(); i++) {
      fields.put("categories[" + i + "]", post.getCategories().get(i));
    }
    for (int i = 0; i < post.getRepairs().size(); i++) {
      fields.put("repairs[" + i + "]", post.getRepairs().get(i));
    }
    return fields;
  }

  private static List<String> titles(String rss) {
    List<String> titles = new ArrayList<>();
    Matcher m = Pattern.compile("<item>\\s*<title><!\\[CDATA\\[(.*?)]]></title>", Pattern.DOTALL).matcher(rss);
    while (m.find()) {
      titles.add(m.group(1));
    }
    return titles;
  }
}

package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.topics.FeedpipeTopics;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.streams.route.RouteRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedpipeTopologyTest {

  static final Instant T0 = Instant.parse("2025-12-08T18:00:00Z");

  @TempDir Path stateDir;
  TopologyTestDriver driver;
  TestInputTopic<String, FetchedPost> raw;
  TestInputTopic<String, byte[]> rawBytes;
  TestOutputTopic<String, CleanPost> clean;
  TestOutputTopic<String, CleanPost> updates;
  TestOutputTopic<String, CleanPost> linkposts;
  TestOutputTopic<String, CleanPost> aiPosts;
  TestOutputTopic<String, CleanPost> fromLessWrong;
  TestOutputTopic<byte[], byte[]> dlq;

  @BeforeEach
  void start() {
    List<RouteRule> routes = List.of(
        new RouteRule("linkposts", Set.of(), Set.of(), Pattern.compile("^\\[Linkpost\\]")),
        new RouteRule("ai", Set.of(), Set.of("AI"), null),
        new RouteRule("lesswrong", Set.of("lesswrong"), Set.of(), null));
    StreamsSettings settings = StreamsSettings.defaults(routes, stateDir);
    var props = StreamsProperties.of(settings, "unused:9092", Map.of());
    driver = new TopologyTestDriver(FeedpipeTopology.build(settings), props, T0);
    var keySer = new StringSerializer();
    var keyDe = new StringDeserializer();
    raw = driver.createInputTopic(settings.topics().raw(), keySer, AvroSerdes.serializer(FetchedPost.class));
    rawBytes = driver.createInputTopic(FeedpipeTopics.RAW, keySer, new ByteArraySerializer());
    var cleanDe = AvroSerdes.deserializer(CleanPost.class);
    clean = driver.createOutputTopic(FeedpipeTopics.CLEAN, keyDe, cleanDe);
    updates = driver.createOutputTopic(FeedpipeTopics.UPDATES, keyDe, cleanDe);
    linkposts = driver.createOutputTopic("posts.route.linkposts", keyDe, cleanDe);
    aiPosts = driver.createOutputTopic("posts.route.ai", keyDe, cleanDe);
    fromLessWrong = driver.createOutputTopic("posts.route.lesswrong", keyDe, cleanDe);
    var bytesDe = new org.apache.kafka.common.serialization.ByteArrayDeserializer();
    dlq = driver.createOutputTopic(FeedpipeTopics.DLQ, bytesDe, bytesDe);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  static FetchedPost post(String guid, String title, String html, Instant fetchedAt) {
    return FetchedPost.newBuilder()
        .setPostId("lesswrong:" + guid).setFeedId("lesswrong").setFeedUrl("https://www.lesswrong.com/feed.xml")
        .setEntryGuid(guid).setLink("https://www.lesswrong.com/posts/" + guid).setTitle(title)
        .setAuthors(List.of("Someone")).setCategories(List.of("AI")).setPublishedAt(T0).setUpdatedAt(null)
        .setContentHtml(html).setSummaryHtml(null).setLanguage("en").setFetchedAt(fetchedAt).setFetchId("fetch-" + fetchedAt)
        .build();
  }

  void send(FetchedPost post) {
    raw.pipeInput(post.getPostId(), post, post.getFetchedAt());
  }

  @Test
  void newPostIsCleanedAndWrittenAsRevisionOne() {
    send(post("a1", "Hello", "Published on December 8, 2025 6:20 PM GMT<br/><br/><p>Some <b>bold</b> words.</p><br/><br/><a href=\"https://www.lesswrong.com/posts/a1#comments\">Discuss</a>", T0));

    List<TestRecord<String, CleanPost>> out = clean.readRecordsToList();
    assertThat(out).hasSize(1);
    CleanPost p = out.get(0).value();
    assertThat(out.get(0).key()).isEqualTo("lesswrong:a1");
    assertThat(p.getRevision()).isEqualTo(1);
    assertThat(p.getPreviousContentHash()).isNull();
    assertThat(p.getText()).isEqualTo("Some bold words.");
    assertThat(p.getFirstSeenAt()).isEqualTo(T0);
    assertThat(updates.isEmpty()).isTrue();
  }

  @Test
  void relativeUrlsResolveAgainstTheDeclaredBaseFirst() {
    FetchedPost withBase = FetchedPost.newBuilder(post("b1", "Based", "<p><img src=\"pic.png\" alt=\"p\"> <a href=\"../about\">about</a></p>", T0))
        .setLink("posts/b1").setBaseUrl("https://cdn.example.org/blog/2025/").build();
    FetchedPost without = FetchedPost.newBuilder(post("b2", "Unbased", "<p><img src=\"pic.png\" alt=\"p\"></p>", T0))
        .setLink("https://www.lesswrong.com/posts/b2/slug").build();
    send(withBase);
    send(without);

    Map<String, CleanPost> out = clean.readKeyValuesToMap();
    CleanPost based = out.get("lesswrong:b1");
    assertThat(based.getLink()).isEqualTo("https://cdn.example.org/blog/2025/posts/b1");
    assertThat(based.getHtml())
        .contains("src=\"https://cdn.example.org/blog/2025/pic.png\"")
        .contains("href=\"https://cdn.example.org/blog/about\"");
    assertThat(out.get("lesswrong:b2").getHtml()).as("no declared base: the entry link")
        .contains("src=\"https://www.lesswrong.com/posts/b2/pic.png\"");
  }

  @Test
  void exactRepeatIsDropped() {
    FetchedPost first = post("a1", "Hello", "<p>Same words.</p>", T0);
    send(first);
    send(post("a1", "Hello", "<p>Same words.</p>", T0.plusSeconds(300)));
    send(post("a1", "Hello", "<p>Same words.</p>", T0.plusSeconds(600)));
    assertThat(clean.readRecordsToList()).hasSize(1);
  }

  @Test
  void editOfKnownPostBecomesNextRevision() {
    send(post("a1", "Hello", "<p>I am vary grateful.</p>", T0));
    send(post("a1", "Hello", "<p>I am very grateful.</p>", T0.plusSeconds(300)));

    List<CleanPost> revisions = clean.readValuesToList();
    assertThat(revisions).extracting(CleanPost::getRevision).containsExactly(1, 2);
    CleanPost edit = revisions.get(1);
    assertThat(edit.getPreviousContentHash()).isEqualTo(revisions.get(0).getContentHash());
    assertThat(edit.getFirstSeenAt()).isEqualTo(T0);
    assertThat(edit.getLastSeenAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(updates.readValuesToList()).extracting(CleanPost::getRevision).containsExactly(2);
  }

  @Test
  void editCarriesASummaryOfWhatChanged() {
    send(post("a1", "Hello", "<p>I am vary grateful.</p>", T0));
    send(post("a1", "Hello again", "<p>I am very grateful indeed.</p>", T0.plusSeconds(300)));

    List<CleanPost> revisions = clean.readValuesToList();
    assertThat(revisions.get(0).getEdit()).isNull();
    var edit = revisions.get(1).getEdit();
    assertThat(edit.getTitleChanged()).isTrue();
    assertThat(edit.getPreviousTitle()).isEqualTo("Hello");
    assertThat(edit.getTextChanged()).isTrue();
    assertThat(edit.getWordsAdded()).isEqualTo(2); // very, indeed
    assertThat(edit.getWordsRemoved()).isEqualTo(1); // vary
    assertThat(edit.getSummary()).isEqualTo("title changed; text changed: +2 -1 words");
  }

  @Test
  void newPostIsEnrichedWithReadingTimeImagesAndLanguage() {
    StringBuilder html = new StringBuilder("<p><img src=\"/fig.png?utm_source=rss\" alt=\"Figure\">");
    html.append("<img src=\"https://pixel.wp.com/g.gif\">");
    for (int i = 0; i < 300; i++) {
      html.append("word ");
    }
    html.append("</p>");
    send(FetchedPost.newBuilder(post("a1", "Hello", html.toString(), T0)).setLanguage(null)
        .setLink("https://www.lesswrong.com/posts/a1?utm_medium=feed").build());

    CleanPost p = clean.readValuesToList().get(0);
    assertThat(p.getWordCount()).isEqualTo(300);
    assertThat(p.getReadingTimeMinutes()).isEqualTo(2); // 300 words at 230 per minute, rounded up
    assertThat(p.getImages()).extracting(i -> i.getUrl() + " " + i.getAlt())
        .containsExactly("https://www.lesswrong.com/fig.png Figure");
    assertThat(p.getLink()).isEqualTo("https://www.lesswrong.com/posts/a1");
    assertThat(p.getLanguageSource()).isIn("detected", null); // "word word …" may well not be a language
  }

  @Test
  void declaredLanguageIsKeptAndMarkedAsTheFeeds() {
    send(post("a1", "Hello", "<p>Some words.</p>", T0));
    CleanPost p = clean.readValuesToList().get(0);
    assertThat(p.getLanguage()).isEqualTo("en");
    assertThat(p.getLanguageSource()).isEqualTo("feed");
  }

  @Test
  void markupOnlyChangeIsNotAnEdit() {
    send(post("a1", "Hello", "<p>Same words.</p>", T0));
    send(post("a1", "Hello", "<p>Same <span class=\"x\">words</span>.</p>", T0.plusSeconds(300)));
    assertThat(clean.readRecordsToList()).hasSize(1);
    assertThat(updates.isEmpty()).isTrue();
  }

  @Test
  void postsAreRoutedByTitleCategoryAndFeedButAlwaysWrittenToClean() {
    send(post("l1", "[Linkpost] Something elsewhere", "<p>x</p>", T0));
    FetchedPost noCategory = FetchedPost.newBuilder(post("n1", "Plain", "<p>y</p>", T0)).setCategories(List.of()).setFeedId("other").setPostId("other:n1").build();
    send(noCategory);

    assertThat(clean.readKeyValuesToMap()).containsOnlyKeys("lesswrong:l1", "other:n1");
    assertThat(linkposts.readKeyValuesToMap()).containsOnlyKeys("lesswrong:l1");
    assertThat(aiPosts.readKeyValuesToMap()).containsOnlyKeys("lesswrong:l1");
    assertThat(fromLessWrong.readKeyValuesToMap()).containsOnlyKeys("lesswrong:l1");
  }

  @Test
  void undecodableRecordIsSkippedAndTheAppContinues() {
    // Where it lands (posts.dlq, with headers) is shown on a real broker by DeadLetterIT: the
    // test driver does not capture the dead-letter records of the deserialization handler.
    rawBytes.pipeInput("lesswrong:bad", "not avro at all".getBytes(StandardCharsets.UTF_8), T0);
    send(post("a1", "Hello", "<p>Fine.</p>", T0));
    assertThat(clean.readKeyValuesToMap()).containsOnlyKeys("lesswrong:a1");
  }

  @Test
  void recordThatFailsProcessingGoesToDeadLetterTopic() {
    FetchedPost post = post("a1", "Hello", "<p>Fine.</p>", T0);
    raw.pipeInput("some-other-key", post, T0);
    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(dead).hasSize(1);
    assertThat(header(dead.get(0), "__streams.errors.message")).contains("differs from its postId");
    assertThat(header(dead.get(0), "__streams.errors.partition")).isEqualTo("0");
    assertThat(clean.isEmpty()).isTrue();
  }

  @Test
  void postNotSeenWithinTheRetentionIsForgottenAndComesBackAsNew() {
    send(post("a1", "Hello", "<p>Words.</p>", T0));
    driver.advanceWallClockTime(StreamsSettings.DEFAULT_DEDUPE_RETENTION.plus(Duration.ofHours(2)));
    send(post("a1", "Hello", "<p>Words.</p>", T0.plus(StreamsSettings.DEFAULT_DEDUPE_RETENTION).plus(Duration.ofHours(3))));
    assertThat(clean.readValuesToList()).extracting(CleanPost::getRevision).containsExactly(1, 1);
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}

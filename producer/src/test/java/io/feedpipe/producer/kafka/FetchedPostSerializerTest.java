package io.feedpipe.producer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.Fixtures;
import io.feedpipe.producer.config.FeedSource;
import io.feedpipe.producer.map.EntryMapper;
import io.feedpipe.producer.parse.FeedParseException;
import io.feedpipe.producer.parse.FeedParser;
import io.feedpipe.producer.parse.ParsedEntry;
import io.feedpipe.producer.parse.ParsedFeed;
import io.feedpipe.producer.text.SourceChars;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.testkit.FeedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The post serializer writes exactly the schemas module's bytes, whether a string's UTF-8 was kept or not. */
class FetchedPostSerializerTest {
  private static final Instant FETCHED_AT = Instant.parse("2026-12-05T04:00:00Z");

  private final FetchedPostSerializer serializer = new FetchedPostSerializer();
  private final Serializer<FetchedPost> reference = AvroSerdes.serializer(FetchedPost.class);
  private final FeedParser parser = new FeedParser();
  private final EntryMapper mapper = new EntryMapper();

  @AfterEach
  void release() {
    SourceChars.release();
  }

  /** Parsed and mapped on this thread, as a poll does, then serialized by both. */
  private List<FetchedPost> pollAndCompare(String name, byte[] body, String contentType) throws FeedParseException {
    FeedSource feed = new FeedSource("f", Path.of("/feeds/" + name).toUri());
    List<FetchedPost> posts = mapper.map(feed, parser.parse(name, body, contentType), FETCHED_AT, "fetch-1");
    for (FetchedPost post : posts) {
      assertThat(serializer.serialize("posts.raw", post)).as("%s, post %s", name, post.getPostId())
          .isEqualTo(reference.serialize("posts.raw", post));
    }
    return posts;
  }

  @Test
  void theLessWrongFeedIsWrittenFromTheKeptUtf8AsTheSchemasCodecWritesIt() throws Exception {
    // Each description is one CDATA section without line-end or control characters: read with the
    // feed's own bytes of it as its UTF-8 form, before any repair, which keeps them as they are.
    ParsedFeed parsed = parser.parse("feed.xml", Fixtures.bytes("fixtures/lesswrong/feed.xml"), "application/rss+xml");
    List<byte[]> documentBytes = new ArrayList<>();
    for (ParsedEntry entry : parsed.entries()) {
      documentBytes.add(SourceChars.utf8(entry.contentHtml()));
    }
    assertThat(documentBytes).hasSize(20).doesNotContainNull();

    List<FetchedPost> posts = pollAndCompare("feed.xml", Fixtures.bytes("fixtures/lesswrong/feed.xml"), "application/rss+xml");
    assertThat(posts).hasSize(20);
    assertThat(posts).allSatisfy(post -> assertThat(SourceChars.utf8(post.getContentHtml())).as(post.getPostId()).isNotNull());
    for (int i = 0; i < posts.size(); i++) {
      assertThat(SourceChars.utf8(posts.get(i).getContentHtml())).as(posts.get(i).getPostId())
          .isEqualTo(documentBytes.get(i)); // the document's bytes, written as they are
    }
  }

  @Test
  void htmlOffTheFastPathIsWrittenAsTheSchemasCodecWritesIt() throws Exception {
    String filler = "<p>It’s a café — naïve 文字 &amp; more.</p>\r\n\t".repeat(20);
    String[] bodies = {
        filler, // 1-, 2- and 3-byte chars, tab and line breaks
        filler + "😀 an emoji, \uE000 private use, \uFE0E a variation selector", // 4-byte and the BMP above the surrogates
        "\u00A0" + filler + "\u07FF\u0800\uD7FF\uFDCF\uFDF0\uFFFD" + new String(Character.toChars(0x10FFFD)), // the edges of the ranges
        filler + "\u0085 a C1 control", // repaired, then encoded by Avro
        filler + "\uFDD0 a noncharacter", // repaired, then encoded by Avro
    };
    StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>");
    for (int i = 0; i < bodies.length; i++) {
      rss.append("<item><guid>g").append(i).append("</guid><title>").append("A long title, cut ’ ".repeat(30)).append("</title><description><![CDATA[")
          .append(bodies[i]).append("]]></description></item>");
    }
    rss.append("</channel></rss>");
    List<FetchedPost> posts = pollAndCompare("made.xml", rss.toString().getBytes(StandardCharsets.UTF_8), "application/rss+xml");
    assertThat(posts).hasSize(bodies.length);
    for (int i = 0; i < 3; i++) {
      assertThat(SourceChars.utf8(posts.get(i).getContentHtml())).as("post %d", i).isNotNull();
    }
    for (int i = 3; i < bodies.length; i++) {
      assertThat(posts.get(i).getRepairs()).as("post %d", i).anyMatch(note -> note.startsWith("contentHtml: 1 "));
      assertThat(SourceChars.utf8(posts.get(i).getContentHtml())).as("post %d", i).isNull();
    }
  }

  @Test
  void everyCorpusFeedIsWrittenAsTheSchemasCodecWritesIt() throws Exception {
    Path corpus = FeedCorpus.require();
    List<String> compared = new ArrayList<>();
    for (String line : Files.readAllLines(corpus.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
      String name = line.split("\t", -1)[0];
      Path file = corpus.resolve(name);
      if (name.isBlank() || !Files.isRegularFile(file)) {
        continue;
      }
      try {
        pollAndCompare(name, Files.readAllBytes(file), null);
        compared.add(name);
      } catch (FeedParseException e) {
        // not a feed: nothing to write (CorpusTest checks which files those are)
      } finally {
        SourceChars.release();
      }
    }
    assertThat(compared).hasSizeGreaterThan(1_000);
  }

  @Test
  void anUnwritablePostFailsAsWithTheSchemasCodec() {
    FetchedPost post = new FetchedPost(); // no post id
    Throwable expected = catchThrowable(() -> reference.serialize("posts.raw", post));
    Throwable actual = catchThrowable(() -> serializer.serialize("posts.raw", post));
    assertThat(expected).isNotNull();
    assertThat(actual).isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
    assertThat(serializer.serialize("posts.raw", null)).isNull();
  }

  private static Throwable catchThrowable(Runnable r) {
    try {
      r.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }
}

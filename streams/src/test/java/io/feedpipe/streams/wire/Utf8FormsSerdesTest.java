package io.feedpipe.streams.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.EditSummary;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostImage;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.schemas.wire.ReleasedSchemas;
import io.feedpipe.streams.dedupe.OutputHash;
import io.feedpipe.streams.dedupe.RevisionContent;
import io.feedpipe.streams.dedupe.SourceHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Streams stage's serdes read and write what {@link AvroSerdes} does, byte for byte, whether
 * the UTF-8 forms of a post's strings were kept or not.
 */
class Utf8FormsSerdesTest {

  static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");
  /** ASCII, Latin-1, other BMP chars, non-BMP pairs, lone surrogates, a NUL; and now and then U+FFFD itself. */
  static final String ALPHABET = "abc XYZ 019 <p>&amp;\n\té ü ß — ’ “ ” 中文 한글 \u0301 𝑥 😀 \uD800 \uDC00 \u0000";

  final Serializer<CleanPost> codec = AvroSerdes.serializer(CleanPost.class);
  final Serializer<CleanPost> keeping = Utf8FormsSerdes.serializer(CleanPost.class);
  final Deserializer<FetchedPost> codecReader = AvroSerdes.deserializer(FetchedPost.class);
  final Deserializer<FetchedPost> keepingReader = Utf8FormsSerdes.serde(FetchedPost.class).deserializer();
  final Random random = new Random(20261205);

  @AfterEach
  void forget() {
    Utf8Forms.forget();
  }

  @Test
  void cleanPostBytesAreTheCodecsOverVariedPostsWithFormsKeptOrNot() {
    for (int sample = 0; sample < 500; sample++) {
      CleanPost post = cleanPost(randomText(random.nextInt(3000)), randomText(random.nextInt(3000)), sample);
      byte[] expected = codec.serialize("posts.clean", post);
      assertThat(keeping.serialize("posts.clean", post)).as("nothing kept, sample %d", sample).isEqualTo(expected);

      // As the stream thread keeps them: the text for the content hash, the HTML for the output hash.
      RevisionContent.of(post.getTitle(), post.getText());
      OutputHash.of(post.getHtml());
      if (post.getHtml().length() >= Utf8Forms.MIN_LENGTH) {
        assertThat(Utf8Forms.kept(post.getHtml())).isNotNull();
      }
      if (post.getText().length() >= Utf8Forms.MIN_LENGTH) {
        assertThat(Utf8Forms.kept(post.getText())).isNotNull();
      }
      assertThat(keeping.serialize("posts.clean", post)).as("html and text kept, sample %d", sample).isEqualTo(expected);
    }
  }

  @Test
  void emptyAndNullStringsAndLongLatin1OnesAreWrittenAsTheCodecWrites() {
    CleanPost empty = CleanPost.newBuilder(cleanPost("", "", 1)).setLink(null).setLanguage(null).setLanguageSource(null)
        .setImages(null).setEdit(null).setPreviousContentHash(null).build();
    CleanPost latin1 = cleanPost("café ".repeat(400), "<p>naïve</p>".repeat(100), 2);
    for (CleanPost post : List.of(empty, latin1)) {
      RevisionContent.of(post.getTitle(), post.getText());
      OutputHash.of(post.getHtml());
      assertThat(keeping.serialize("posts.clean", post)).isEqualTo(codec.serialize("posts.clean", post));
    }
    assertThat(keeping.serialize("posts.clean", null)).isNull();
  }

  @Test
  void aKeptFormIsWrittenInsteadOfEncodingTheStringAgain() {
    String html = "a".repeat(300);
    CleanPost post = cleanPost("text", html, 3);
    // A form no string of this content would have, to see which one is written.
    Utf8Forms.keep(html, "b".repeat(300).getBytes(StandardCharsets.US_ASCII));
    String written = new String(keeping.serialize("posts.clean", post), StandardCharsets.ISO_8859_1);
    assertThat(written).contains("b".repeat(300)).doesNotContain("a".repeat(300));
  }

  @Test
  void fetchedPostsDecodeAsTheCodecDecodesAndKeepTheBytesOfLongStrings() {
    for (int sample = 0; sample < 300; sample++) {
      FetchedPost post = fetchedPost(randomText(random.nextInt(20)), randomText(random.nextInt(3000)),
          random.nextBoolean() ? null : randomText(random.nextInt(1000)));
      byte[] bytes = AvroSerdes.serializer(FetchedPost.class).serialize("posts.raw", post);
      FetchedPost decoded = keepingReader.deserialize("posts.raw", bytes);
      assertThat(decoded).isEqualTo(codecReader.deserialize("posts.raw", bytes));
      for (String s : Arrays.asList(decoded.getContentHtml(), decoded.getSummaryHtml())) {
        byte[] kept = Utf8Forms.kept(s);
        if (s == null || s.length() < Utf8Forms.MIN_LENGTH) {
          assertThat(kept).isNull();
        } else if (s.indexOf('\uFFFD') >= 0) {
          // The decoder's mark of bytes that were not UTF-8, or the char itself: not kept either way.
          assertThat(kept).isNull();
        } else {
          assertThat(kept != null && Arrays.equals(kept, s.getBytes(StandardCharsets.UTF_8))).as("sample %d kept", sample).isTrue();
        }
      }
      assertThat(SourceHash.of(decoded)).isEqualTo(SourceHash.of(post));
    }
  }

  @Test
  void bytesThatAreNotUtf8AreDecodedAsTheCodecDecodesAndNotKept() {
    byte[] bytes = AvroSerdes.serializer(FetchedPost.class).serialize("posts.raw", fetchedPost("T", "x".repeat(300), null));
    int at = indexOf(bytes, "x".repeat(300).getBytes(StandardCharsets.US_ASCII));
    bytes[at + 10] = (byte) 0xFF;
    bytes[at + 20] = (byte) 0xC0; // an overlong form of '/'
    bytes[at + 21] = (byte) 0xAF;
    FetchedPost decoded = keepingReader.deserialize("posts.raw", bytes);
    assertThat(decoded).isEqualTo(codecReader.deserialize("posts.raw", bytes));
    assertThat(decoded.getContentHtml()).contains("\uFFFD");
    assertThat(Utf8Forms.kept(decoded.getContentHtml())).isNull();
  }

  @Test
  void postsWrittenWithEveryReleasedFetchedPostSchemaDecodeAsTheCodecDecodes() {
    List<Schema> versions = ReleasedSchemas.bundled().versionsOf(FetchedPost.getClassSchema().getFullName());
    assertThat(versions).hasSizeGreaterThan(1);
    String html = "<p>“Released” 𝑥</p>".repeat(40);
    for (Schema schema : versions) {
      GenericRecord old = new GenericRecordBuilder(schema).set("postId", "lesswrong:p").set("feedId", "lesswrong")
          .set("feedUrl", "https://www.lesswrong.com/feed.xml").set("title", "“Old”").set("contentHtml", html)
          .set("fetchedAt", T0.toEpochMilli()).set("fetchId", "f1").build();
      byte[] bytes = encodeGeneric(schema, old);
      FetchedPost decoded = keepingReader.deserialize("posts.raw", bytes);
      assertThat(decoded).isEqualTo(codecReader.deserialize("posts.raw", bytes));
      assertThat(Utf8Forms.kept(decoded.getContentHtml())).isEqualTo(html.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aPostReadFromPostsRawIsWrittenFromTheBytesItWasReadFrom() {
    // A CleanPost string that is the very string decoded (the link, here) is written from the bytes read.
    String link = "https://example.com/" + "ü".repeat(300);
    byte[] bytes = AvroSerdes.serializer(FetchedPost.class).serialize("posts.raw",
        FetchedPost.newBuilder(fetchedPost("T", "<p>x</p>", null)).setLink(link).build());
    FetchedPost decoded = keepingReader.deserialize("posts.raw", bytes);
    assertThat(Utf8Forms.kept(decoded.getLink())).isNotNull();
    CleanPost post = CleanPost.newBuilder(cleanPost("text", "<p>x</p>", 4)).setLink(decoded.getLink()).build();
    assertThat(keeping.serialize("posts.clean", post)).isEqualTo(codec.serialize("posts.clean", post));
  }

  String randomText(int length) {
    StringBuilder sb = new StringBuilder(length);
    while (sb.length() < length) {
      int at = random.nextInt(ALPHABET.length());
      char c = ALPHABET.charAt(at);
      sb.append(random.nextInt(5000) == 0 ? '\uFFFD' : c);
      if (Character.isHighSurrogate(c) && at + 1 < ALPHABET.length() && Character.isLowSurrogate(ALPHABET.charAt(at + 1))
          && random.nextInt(4) > 0) {
        sb.append(ALPHABET.charAt(at + 1)); // mostly pairs, sometimes a high surrogate alone
      }
    }
    return sb.toString();
  }

  static CleanPost cleanPost(String text, String html, int n) {
    List<PostImage> images = n % 3 == 0 ? null : new ArrayList<>(List.of(new PostImage("https://example.com/i" + n + ".png", "“alt” " + n)));
    EditSummary edit = n % 2 == 0 ? null : new EditSummary(true, "Old “title”", true, 3, null, "title changed; text changed");
    return CleanPost.newBuilder().setPostId("lesswrong:" + n).setRevision(1 + n % 3).setTitle("Title “" + n + "” 𝑥")
        .setLink(n % 4 == 0 ? null : "https://example.com/" + n).setAuthors(List.of("Ann", "Bö")).setCategories(List.of())
        .setPublishedAt(n % 5 == 0 ? null : T0).setUpdatedAt(null).setText(text).setHtml(html)
        .setExcerpt(text.substring(0, Math.min(text.length(), 40)))
        .setWordCount(n).setOutboundLinks(List.of("https://example.org/" + n)).setContentHash("c" + n)
        .setPreviousContentHash(n % 2 == 0 ? null : "p" + n).setFeedId("lesswrong").setFeedUrl("https://www.lesswrong.com/feed.xml")
        .setFirstSeenAt(T0).setLastSeenAt(T0).setFetchId("f" + n).setReadingTimeMinutes(n % 7).setImages(images)
        .setLanguage(n % 2 == 0 ? "en" : null).setLanguageSource(n % 2 == 0 ? "feed" : null).setEdit(edit)
        .setRepairs(List.of()).setTruncated(n % 6 == 0).setOriginalSize(n % 6 == 0 ? 123_456L : null).build();
  }

  static FetchedPost fetchedPost(String title, String content, String summary) {
    return FetchedPost.newBuilder().setPostId("lesswrong:p").setFeedId("lesswrong").setFeedUrl("https://www.lesswrong.com/feed.xml")
        .setTitle(title).setLink("https://example.com/p").setContentHtml(content).setSummaryHtml(summary).setFetchedAt(T0)
        .setFetchId("f1").build();
  }

  private static byte[] encodeGeneric(Schema schema, GenericRecord record) {
    try {
      var buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] in, byte[] part) {
    for (int i = 0; i + part.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}

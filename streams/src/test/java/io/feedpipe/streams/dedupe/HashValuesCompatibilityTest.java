package io.feedpipe.streams.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The hashes the dedupe store keeps (source, content, text and output hash) as the releases before
 * have computed them: a stored PostState is compared with them, so a changed value would make every
 * stored post look fetched anew or edited. The values were computed by the first release of each.
 */
class HashValuesCompatibilityTest {

  static final Instant FETCHED = Instant.parse("2026-11-29T00:00:00Z");

  /** Long enough (over a few hundred chars) to be kept in UTF-8 by the stream thread, with curly quotes, marks and non-BMP chars. */
  static final String LONG_HTML = "<p>“Curly” quotes — café, naïve, cafe\u0301, 中文 and 한글, 𝑥 + 𝑦 = 😀.</p>".repeat(12);

  static final String LONE_SURROGATES = "<p>broken \uD800 pair and \uDC00 alone</p>".repeat(10) + "<p>end \uD83D</p>";

  static FetchedPost post(String title, String link, String content, String summary) {
    return FetchedPost.newBuilder().setPostId("lesswrong:p").setFeedId("lesswrong").setFeedUrl("https://www.lesswrong.com/feed.xml")
        .setTitle(title).setLink(link).setContentHtml(content).setSummaryHtml(summary).setFetchedAt(FETCHED).setFetchId("f1").build();
  }

  /** A post as the Streams app reads it from posts.raw: written by the Avro codec, decoded again. */
  static FetchedPost decoded(FetchedPost post) {
    byte[] bytes = AvroSerdes.serializer(FetchedPost.class).serialize("posts.raw", post);
    return AvroSerdes.deserializer(FetchedPost.class).deserialize("posts.raw", bytes);
  }

  @Test
  void sourceHashesAreAsEverComputed() {
    assertSourceHash(post("Hello", "https://example.com/a", "<p>Hi</p>", null),
        "d230753b75910720f0040a6b58fdd1c1523b4795a9cb64217472d1833479f0b7");
    assertSourceHash(post(null, null, null, null),
        "709e80c88487a2411e1ee4dfb9f22a861492d20c4765150c0c794abd70f8147c");
    assertSourceHash(post("", "", "", ""),
        "709e80c88487a2411e1ee4dfb9f22a861492d20c4765150c0c794abd70f8147c");
    assertSourceHash(post("A &amp; “B” 𝑥", "https://example.com/ü", LONG_HTML, "<p>Summary ’ 😀</p>".repeat(30)),
        "b348e90ff8c8ff07412d055642c65613df90d852dd80b1da591d9acc7aa7d6da");
    assertSourceHash(post("Title", "https://example.com/b", LONE_SURROGATES, LONG_HTML),
        "3dad299e62c573d239aa0126e1fd645753ed723b48b96fb7267a5e6a53ffb0bb");
  }

  @Test
  void sourceHashOfAPostWhoseBytesAreNotValidUtf8IsTheHashOfItsDecodedText() {
    // Another writer may put malformed UTF-8 on posts.raw; the decoder replaces it with U+FFFD.
    byte[] bytes = AvroSerdes.serializer(FetchedPost.class).serialize("posts.raw", post("T", null, "x".repeat(300), null));
    int at = indexOf(bytes, "x".repeat(300).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    bytes[at + 10] = (byte) 0xFF; // not a UTF-8 byte
    bytes[at + 20] = (byte) 0xED; // with the next two: an encoded surrogate, not allowed in UTF-8
    bytes[at + 21] = (byte) 0xA0;
    bytes[at + 22] = (byte) 0x80;
    FetchedPost post = AvroSerdes.deserializer(FetchedPost.class).deserialize("posts.raw", bytes);
    assertThat(post.getContentHtml()).contains("\uFFFD");
    assertThat(SourceHash.of(post)).isEqualTo("493b6a62b9b056625cb30b34b9868d1c04d14656e3af08254070081a9f5f72e3");
  }

  @Test
  void contentTextAndOutputHashesAreAsEverComputed() {
    assertRevision("", "", "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertRevision("“Title” 𝑥", LONG_HTML.replace("<p>", "").replace("</p>", "\n\n"), "be5ca5e245105eb22f4c730b8d824ec31c51640efcb75cc749a209ad4b284950", "b11a2f24b76ea96ccad4d05e04ee2efea8d0d43d53ea2d573f0790e8d396c73c");
    assertRevision("T", LONE_SURROGATES, "ac82ff1d7b5dc8cef32bf2ab2622f5ece3874acf2308e76419d96a31d161fb68", "98bd5fb7104195f8aa13eba8c660c0a735246168526c2ee16f471312d5a5582b");
    assertThat(OutputHash.of("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(OutputHash.of(LONG_HTML)).isEqualTo("153b24a3706780b99abb581a9aa16d28398fc2e6490d95bb5f7d93ee27a7319f");
    assertThat(OutputHash.of(LONE_SURROGATES)).isEqualTo("98bd5fb7104195f8aa13eba8c660c0a735246168526c2ee16f471312d5a5582b");
  }

  private static void assertSourceHash(FetchedPost post, String expected) {
    assertThat(SourceHash.of(post)).as("as built").isEqualTo(expected);
    assertThat(SourceHash.of(decoded(post))).as("as read from posts.raw").isEqualTo(expected);
  }

  private static void assertRevision(String title, String text, String contentHash, String textHash) {
    RevisionContent content = RevisionContent.of(title, text);
    assertThat(content.contentHash()).isEqualTo(contentHash).isEqualTo(ContentHash.of(title, text));
    assertThat(content.textHash()).isEqualTo(textHash);
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

package io.feedpipe.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {

  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  static FetchedPost fetchedPost() {
    return FetchedPost.newBuilder()
        .setPostId("lesswrong:abc")
        .setFeedId("lesswrong")
        .setFeedUrl("https://www.lesswrong.com/feed.xml")
        .setEntryGuid("abc")
        .setLink("https://www.lesswrong.com/posts/abc")
        .setTitle("I have hope")
        .setAuthors(List.of("A. Author"))
        .setCategories(List.of("AI"))
        .setPublishedAt(NOW.minusSeconds(60))
        .setUpdatedAt(null)
        .setContentHtml("<p>Hello</p>")
        .setSummaryHtml(null)
        .setLanguage("en")
        .setFetchedAt(NOW)
        .setFetchId("f-1")
        .build();
  }

  @Test
  void fetchedPostRoundTripsThroughSingleObjectEncoding() {
    SingleObjectCodec<FetchedPost> codec = SingleObjectCodec.of(FetchedPost.class);
    FetchedPost post = fetchedPost();
    byte[] bytes = codec.encode(post);
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(SingleObjectCodec.fingerprintOf(bytes)).isEqualTo(ReleasedSchemas.fingerprint(FetchedPost.getClassSchema()));
    assertThat(codec.decode(bytes)).isEqualTo(post);
  }

  @Test
  void cleanPostStatusAndStateRoundTrip() {
    CleanPost clean = CleanPost.newBuilder()
        .setPostId("p").setRevision(2).setTitle("t").setLink(null).setAuthors(List.of()).setCategories(List.of())
        .setPublishedAt(NOW).setUpdatedAt(null).setText("text").setHtml("<p>text</p>").setExcerpt("text")
        .setWordCount(1).setOutboundLinks(List.of("https://example.org/")).setContentHash("00ff")
        .setPreviousContentHash("00ee").setFeedId("f").setFeedUrl("file:/x").setFirstSeenAt(NOW)
        .setLastSeenAt(NOW).setFetchId("f-2").build();
    FeedStatus status = FeedStatus.newBuilder()
        .setFeedId("f").setFeedUrl("file:/x").setFetchId("f-2").setTime(NOW).setOutcome(FetchOutcome.UNPARSABLE)
        .setHttpStatus(null).setItemCount(0).setBytes(10).setDurationMs(3).setError("bad xml").setNextPollAt(null).build();
    PostState state = PostState.newBuilder().setRevision(1).setContentHash("aa").setSourceHash("bb").setFirstSeenAt(NOW).setLastSeenAt(NOW).build();

    assertThat(roundTrip(CleanPost.class, clean)).isEqualTo(clean);
    assertThat(roundTrip(FeedStatus.class, status)).isEqualTo(status);
    assertThat(roundTrip(PostState.class, state)).isEqualTo(state);
  }

  @Test
  void unknownFingerprintIsAClearErrorNamingTheFingerprint() {
    SingleObjectCodec<FetchedPost> codec = SingleObjectCodec.of(FetchedPost.class);
    byte[] bytes = codec.encode(fetchedPost());
    for (int i = 2; i < 10; i++) {
      bytes[i] = (byte) 0x5A;
    }
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessageContaining("unknown schema fingerprint 5a5a5a5a5a5a5a5a")
        .hasMessageContaining("FetchedPost");
  }

  @Test
  void bytesWithoutTheMarkerAreRejectedNotCrashed() {
    SingleObjectCodec<FetchedPost> codec = SingleObjectCodec.of(FetchedPost.class);
    assertThatThrownBy(() -> codec.decode("plain text, not avro".getBytes()))
        .isInstanceOf(AvroCodecException.class)
        .hasMessageContaining("not an Avro single-object encoded FetchedPost");
  }

  @Test
  void serdeWrapsDecodeErrorsAsSerializationExceptionNamingTheTopic() {
    var deserializer = AvroSerdes.deserializer(FetchedPost.class);
    assertThatThrownBy(() -> deserializer.deserialize("posts.raw", new byte[] {(byte) 0xC3, 1, 1, 2, 3, 4, 5, 6, 7, 8, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic posts.raw")
        .hasMessageContaining("unknown schema fingerprint");
  }

  @Test
  void olderWriterVersionDecodesIntoTheCurrentReader() {
    // A hypothetical v0 of FeedStatus without the fields that have defaults in the current version.
    Schema v0 = new Schema.Parser().parse("""
        {"type":"record","name":"FeedStatus","namespace":"io.feedpipe.schemas","fields":[
          {"name":"feedId","type":"string"},{"name":"feedUrl","type":"string"},
          {"name":"fetchId","type":"string"},
          {"name":"time","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"outcome","type":{"type":"enum","name":"FetchOutcome","symbols":["FETCHED","UNKNOWN"],"default":"UNKNOWN"}}
        ]}""");
    GenericRecord old = new GenericData.Record(v0);
    old.put("feedId", "f");
    old.put("feedUrl", "file:/x");
    old.put("fetchId", "id");
    old.put("time", NOW.toEpochMilli());
    old.put("outcome", new GenericData.EnumSymbol(v0.getField("outcome").schema(), "FETCHED"));
    byte[] bytes = encodeGeneric(v0, old);

    var store = ReleasedSchemas.of(List.of(v0, FeedStatus.getClassSchema()));
    FeedStatus decoded = SingleObjectCodec.of(FeedStatus.class, store).decode(bytes);
    assertThat(decoded.getOutcome()).isEqualTo(FetchOutcome.FETCHED);
    assertThat(decoded.getItemCount()).isZero();
    assertThat(decoded.getError()).isNull();
    assertThat(decoded.getTime()).isEqualTo(NOW);
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

  private static <T extends org.apache.avro.specific.SpecificRecordBase> T roundTrip(Class<T> type, T record) {
    SingleObjectCodec<T> codec = SingleObjectCodec.of(type);
    return codec.decode(codec.encode(record));
  }
}

package io.feedpipe.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.connect.mapping.GenericSingleObjectCodec;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.EditSummary;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchOutcome;
import io.feedpipe.schemas.PostImage;
import io.feedpipe.schemas.wire.ReleasedSchemas;
import io.feedpipe.schemas.wire.SingleObjectCodec;
import io.feedpipe.testsupport.SamplePosts;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class FeedpipeAvroConverterTest {

  private static final String TOPIC = "posts.clean";

  private final FeedpipeAvroConverter converter = valueConverter(Map.of());

  static FeedpipeAvroConverter valueConverter(Map<String, ?> settings) {
    FeedpipeAvroConverter converter = new FeedpipeAvroConverter();
    converter.configure(settings, false);
    return converter;
  }

  @Test
  void aCleanPostAsTheStreamsAppWritesItBecomesAStructWithConnectTypes() {
    CleanPost post = SamplePosts.cleanPost("blog:1", 2);
    post.setImages(List.of(new PostImage("https://example.org/a.png", "a chart")));
    post.setEdit(EditSummary.newBuilder().setTitleChanged(false).setTextChanged(true).setWordsAdded(3)
        .setWordsRemoved(1).setSummary("text changed: +3 -1 words").build());
    byte[] bytes = SingleObjectCodec.of(CleanPost.class).encode(post);

    SchemaAndValue data = converter.toConnectData(TOPIC, bytes);

    Struct struct = (Struct) data.value();
    struct.validate();
    assertThat(data.schema().name()).isEqualTo("io.feedpipe.schemas.CleanPost");
    assertThat(struct.getString("postId")).isEqualTo("blog:1");
    assertThat(struct.getInt32("revision")).isEqualTo(2);
    assertThat(struct.get("publishedAt")).isEqualTo(Date.from(Instant.parse("2026-11-01T10:00:00Z")));
    assertThat(struct.get("updatedAt")).isNull();
    assertThat(struct.getArray("authors")).containsExactly("Ada");
    assertThat(struct.getArray("images")).singleElement()
        .satisfies(image -> assertThat(((Struct) image).getString("alt")).isEqualTo("a chart"));
    assertThat(struct.getStruct("edit").getInt32("wordsAdded")).isEqualTo(3);
    assertThat(struct.getStruct("edit").get("previousTitle")).isNull();

    byte[] back = converter.fromConnectData(TOPIC, data.schema(), struct);
    assertThat(SingleObjectCodec.of(CleanPost.class).decode(back)).isEqualTo(post);
  }

  @Test
  void anEnumIsReadAsItsSymbolAndWrittenBack() {
    FeedStatus status = FeedStatus.newBuilder().setFeedId("blog").setFeedUrl("https://example.org/feed")
        .setFetchId("f1").setTime(Instant.parse("2026-11-01T10:00:00Z")).setOutcome(FetchOutcome.TIMED_OUT)
        .setError("timed out after 30 s").build();
    SchemaAndValue data = converter.toConnectData("feeds.status", SingleObjectCodec.of(FeedStatus.class).encode(status));

    assertThat(((Struct) data.value()).getString("outcome")).isEqualTo("TIMED_OUT");
    byte[] back = converter.fromConnectData("feeds.status", data.schema(), data.value());
    assertThat(SingleObjectCodec.of(FeedStatus.class).decode(back)).isEqualTo(status);
  }

  @Test
  void anUnknownEnumSymbolFromASourceConnectorIsAnErrorNamingIt() {
    FeedStatus status = FeedStatus.newBuilder().setFeedId("blog").setFeedUrl("https://example.org/feed")
        .setFetchId("f1").setTime(Instant.parse("2026-11-01T10:00:00Z")).setOutcome(FetchOutcome.FETCHED).build();
    SchemaAndValue data = converter.toConnectData("feeds.status", SingleObjectCodec.of(FeedStatus.class).encode(status));
    ((Struct) data.value()).put("outcome", "EXPLODED");

    assertThatThrownBy(() -> converter.fromConnectData("feeds.status", data.schema(), data.value()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("topic feeds.status")
        .hasMessageContaining("FeedStatus.outcome: 'EXPLODED' is not a symbol of io.feedpipe.schemas.FetchOutcome");
  }

  @Test
  void aTombstoneStaysATombstone() {
    assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    assertThat(converter.fromConnectData(TOPIC, null, null)).isNull();
  }

  @Test
  void garbageIsADataExceptionNamingTheTopic() {
    byte[] garbage = "{\"not\": \"avro\"}".getBytes();
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, garbage))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith("feedpipe converter, topic posts.clean: not an Avro single-object encoded feedpipe record");
  }

  @Test
  void anUnknownFingerprintIsADataExceptionNamingItAndTheTopic() {
    byte[] bytes = SingleObjectCodec.of(CleanPost.class).encode(SamplePosts.cleanPost("blog:1", 1));
    Arrays.fill(bytes, 2, 10, (byte) 0x5a);

    assertThatThrownBy(() -> converter.toConnectData(TOPIC, bytes))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("topic posts.clean")
        .hasMessageContaining("unknown schema fingerprint 5a5a5a5a5a5a5a5a");
  }

  @Test
  void aCutOrOverlongBodyIsCorrupt() {
    byte[] bytes = SingleObjectCodec.of(CleanPost.class).encode(SamplePosts.cleanPost("blog:1", 1));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 20);
    byte[] overlong = Arrays.copyOf(bytes, bytes.length + 3);

    assertThatThrownBy(() -> converter.toConnectData(TOPIC, cut))
        .isInstanceOf(DataException.class).hasMessageContaining("topic posts.clean: corrupt CleanPost record");
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, overlong))
        .isInstanceOf(DataException.class).hasMessageContaining("bytes left over after the record");
  }

  @Test
  void aRecordTypeSettingRefusesOtherTypes() {
    FeedpipeAvroConverter posts = valueConverter(Map.of(FeedpipeConverterConfig.RECORD_TYPE, "CleanPost"));
    FeedStatus status = FeedStatus.newBuilder().setFeedId("blog").setFeedUrl("https://example.org/feed")
        .setFetchId("f1").setTime(Instant.parse("2026-11-01T10:00:00Z")).setOutcome(FetchOutcome.FETCHED).build();

    assertThat(posts.toConnectData(TOPIC, SingleObjectCodec.of(CleanPost.class).encode(SamplePosts.cleanPost("a:1", 1))).value())
        .isInstanceOf(Struct.class);
    assertThatThrownBy(() -> posts.toConnectData(TOPIC, SingleObjectCodec.of(FeedStatus.class).encode(status)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("a io.feedpipe.schemas.FeedStatus record, but record.type is CleanPost");
  }

  @Test
  void anUnknownRecordTypeSettingFailsAtConfiguration() {
    assertThatThrownBy(() -> valueConverter(Map.of(FeedpipeConverterConfig.RECORD_TYPE, "Post")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("record.type");
  }

  @Test
  void asAKeyConverterItSaysToUseStringConverter() {
    assertThatThrownBy(() -> new FeedpipeAvroConverter().configure(Map.of(), true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key.converter=org.apache.kafka.connect.storage.StringConverter");
  }

  @Test
  void aStructOfNoFeedpipeTypeIsRefused() {
    org.apache.kafka.connect.data.Schema other = org.apache.kafka.connect.data.SchemaBuilder.struct().name("com.example.Thing")
        .field("id", org.apache.kafka.connect.data.Schema.STRING_SCHEMA).build();
    assertThatThrownBy(() -> converter.fromConnectData("things", other, new Struct(other).put("id", "x")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Connect schema com.example.Thing is not a feedpipe record type");
  }

  @Test
  void anOlderVersionWrittenByASourceIsFilledWithTheCurrentDefaults() {
    // A struct with only CleanPost v1's fields: the v2/v3 fields take their Avro defaults.
    GenericSingleObjectCodec codec = new GenericSingleObjectCodec(ReleasedSchemas.bundled());
    Schema v1 = ReleasedSchemas.bundled().versionsOf("io.feedpipe.schemas.CleanPost").get(0);
    org.apache.kafka.connect.data.Schema v1Connect = io.feedpipe.connect.mapping.ConnectSchemas.of(v1, 1);
    GenericRecord current = codec.decode(SingleObjectCodec.of(CleanPost.class).encode(SamplePosts.cleanPost("a:1", 1))).record();
    Struct struct = new Struct(v1Connect);
    Struct full = (Struct) converter.toConnectData(TOPIC, codec.encode(current)).value();
    for (org.apache.kafka.connect.data.Field field : v1Connect.fields()) {
      struct.put(field.name(), full.get(field.name()));
    }

    CleanPost written = SingleObjectCodec.of(CleanPost.class).decode(converter.fromConnectData(TOPIC, v1Connect, struct));

    assertThat(written.getPostId()).isEqualTo("a:1");
    assertThat(written.getReadingTimeMinutes()).isZero();
    assertThat(written.getImages()).isNull();
    assertThat(written.getRepairs()).isEmpty();
    assertThat(GenericData.get().validate(current.getSchema(), current)).isTrue();
  }
}

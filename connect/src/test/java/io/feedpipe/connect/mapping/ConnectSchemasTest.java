package io.feedpipe.connect.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FeedStatus;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class ConnectSchemasTest {

  private final Schema cleanPost = ConnectSchemas.of(CleanPost.getClassSchema(), 3);

  @Test
  void aRecordIsAStructNamedAndVersionedLikeItsReleasedSchema() {
    assertThat(cleanPost.type()).isEqualTo(Schema.Type.STRUCT);
    assertThat(cleanPost.name()).isEqualTo("io.feedpipe.schemas.CleanPost");
    assertThat(cleanPost.version()).isEqualTo(3);
    assertThat(cleanPost.doc()).isEqualTo(CleanPost.getClassSchema().getDoc());
    assertThat(cleanPost.fields()).extracting(f -> f.name())
        .containsExactlyElementsOf(CleanPost.getClassSchema().getFields().stream().map(f -> f.name()).toList());
  }

  @Test
  void requiredFieldsAreRequiredAndNullableUnionsAreOptional() {
    assertThat(cleanPost.field("postId").schema()).satisfies(s -> {
      assertThat(s.type()).isEqualTo(Schema.Type.STRING);
      assertThat(s.isOptional()).isFalse();
    });
    assertThat(cleanPost.field("link").schema()).satisfies(s -> {
      assertThat(s.type()).isEqualTo(Schema.Type.STRING);
      assertThat(s.isOptional()).isTrue();
    });
    assertThat(cleanPost.field("originalSize").schema()).satisfies(s -> {
      assertThat(s.type()).isEqualTo(Schema.Type.INT64);
      assertThat(s.isOptional()).isTrue();
    });
  }

  @Test
  void timestampMillisIsConnectsTimestampOptionalOrNot() {
    assertThat(cleanPost.field("firstSeenAt").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(cleanPost.field("firstSeenAt").schema().isOptional()).isFalse();
    assertThat(cleanPost.field("publishedAt").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(cleanPost.field("publishedAt").schema().isOptional()).isTrue();
    assertThat(cleanPost.field("publishedAt").schema().type()).isEqualTo(Schema.Type.INT64);
  }

  @Test
  void arraysOfStringsAndOptionalArraysOfStructsAndOptionalStructs() {
    Schema authors = cleanPost.field("authors").schema();
    assertThat(authors.type()).isEqualTo(Schema.Type.ARRAY);
    assertThat(authors.valueSchema().type()).isEqualTo(Schema.Type.STRING);

    Schema images = cleanPost.field("images").schema();
    assertThat(images.type()).isEqualTo(Schema.Type.ARRAY);
    assertThat(images.isOptional()).isTrue();
    assertThat(images.valueSchema().name()).isEqualTo("io.feedpipe.schemas.PostImage");
    assertThat(images.valueSchema().field("alt").schema().defaultValue()).isEqualTo("");

    Schema edit = cleanPost.field("edit").schema();
    assertThat(edit.type()).isEqualTo(Schema.Type.STRUCT);
    assertThat(edit.isOptional()).isTrue();
    assertThat(edit.field("wordsAdded").schema().type()).isEqualTo(Schema.Type.INT32);
    assertThat(edit.field("wordsAdded").schema().isOptional()).isTrue();
  }

  @Test
  void primitiveDefaultsBecomeConnectDefaults() {
    assertThat(cleanPost.field("readingTimeMinutes").schema().defaultValue()).isEqualTo(0);
    assertThat(cleanPost.field("truncated").schema().defaultValue()).isEqualTo(false);
    assertThat(cleanPost.field("revision").schema().defaultValue()).isNull();
  }

  @Test
  void anEnumIsAStringThatNamesItsSymbolsInParameters() {
    Schema outcome = ConnectSchemas.of(FeedStatus.getClassSchema(), 2).field("outcome").schema();
    assertThat(outcome.type()).isEqualTo(Schema.Type.STRING);
    assertThat(outcome.parameters())
        .containsEntry(ConnectSchemas.ENUM_PARAMETER, "io.feedpipe.schemas.FetchOutcome")
        .containsEntry(ConnectSchemas.ENUM_SYMBOLS_PARAMETER,
            "FETCHED,NOT_MODIFIED,REDIRECTED,RATE_LIMITED,CLIENT_ERROR,SERVER_ERROR,TOO_LARGE,TIMED_OUT,UNREACHABLE,"
                + "REFUSED_BY_POLICY,UNPARSABLE,UNKNOWN");
  }
}

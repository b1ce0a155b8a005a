package io.feedpipe.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.FeedConfig;
import io.feedpipe.schemas.FeedHealth;
import io.feedpipe.schemas.FeedState;
import io.feedpipe.schemas.FeedStatus;
import io.feedpipe.schemas.FetchedPost;
import io.feedpipe.schemas.PostState;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The release discipline: what the code writes is a released version, and versions stay mutually readable. */
class ReleasedSchemasTest {

  static List<Schema> currentSchemas() {
    return List.of(FetchedPost.getClassSchema(), CleanPost.getClassSchema(), FeedStatus.getClassSchema(), PostState.getClassSchema(),
        FeedConfig.getClassSchema(), FeedState.getClassSchema(), FeedHealth.getClassSchema());
  }

  @ParameterizedTest
  @MethodSource("currentSchemas")
  void currentSchemaIsTheLatestReleasedVersion(Schema current) {
    List<Schema> versions = ReleasedSchemas.bundled().versionsOf(current.getFullName());
    assertThat(versions)
        .as("released versions of %s: a changed .avsc must be released as a new file in %s and listed in INDEX",
            current.getFullName(), ReleasedSchemas.FOLDER)
        .isNotEmpty();
    assertThat(ReleasedSchemas.fingerprint(versions.get(versions.size() - 1)))
        .isEqualTo(ReleasedSchemas.fingerprint(current));
  }

  @ParameterizedTest
  @MethodSource("currentSchemas")
  void everyReleasedVersionReadsEveryOtherBothWays(Schema current) {
    List<Schema> versions = ReleasedSchemas.bundled().versionsOf(current.getFullName());
    for (Schema reader : versions) {
      for (Schema writer : versions) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertThat(result.getType())
            .as("%s: reader %s cannot read writer %s: %s", current.getName(),
                ReleasedSchemas.hex(ReleasedSchemas.fingerprint(reader)),
                ReleasedSchemas.hex(ReleasedSchemas.fingerprint(writer)), result.getDescription())
            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("currentSchemas")
  void everyFieldHasADocString(Schema current) {
    for (Schema.Field field : current.getFields()) {
      assertThat(field.doc()).as("%s.%s doc", current.getName(), field.name()).isNotBlank();
    }
  }
}

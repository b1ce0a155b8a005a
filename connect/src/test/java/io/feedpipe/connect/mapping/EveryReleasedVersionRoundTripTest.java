package io.feedpipe.connect.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.connect.FeedpipeAvroConverter;
import io.feedpipe.schemas.wire.ReleasedSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.RandomData;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every released version of every record type (posts.raw's FetchedPost, posts.clean's CleanPost,
 * feeds.status' FeedStatus, feeds.config's FeedConfig, feeds.state's FeedState, feeds.health's FeedHealth, and the internal
 * PostState): random records of that writer version go through the converter to a valid Struct of
 * the current version's Connect schema, equal to Avro's own resolution of them, and back to bytes
 * that decode to the same record.
 */
class EveryReleasedVersionRoundTripTest {

  private static final int RECORDS_PER_VERSION = 200;

  private final GenericSingleObjectCodec codec = new GenericSingleObjectCodec(ReleasedSchemas.bundled());
  private final FeedpipeAvroConverter converter = converter();

  private static FeedpipeAvroConverter converter() {
    FeedpipeAvroConverter converter = new FeedpipeAvroConverter();
    converter.configure(Map.of(), false);
    return converter;
  }

  /** Every file the released INDEX lists, so a new version is tested without touching this class. */
  static Stream<String> releasedFiles() throws IOException {
    try (InputStream in = ReleasedSchemas.class.getResourceAsStream("/io/feedpipe/schemas/released/INDEX")) {
      List<String> files = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          files.add(line);
        }
      }
      assertThat(files).hasSizeGreaterThanOrEqualTo(14);
      return files.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releasedFiles")
  void recordsOfThisVersionReadAsStructsOfTheCurrentVersionAndWriteBack(String file) throws IOException {
    Schema writer;
    try (InputStream in = ReleasedSchemas.class.getResourceAsStream("/io/feedpipe/schemas/released/" + file)) {
      writer = new Schema.Parser().parse(in);
    }
    Schema current = codec.currentVersionOf(writer.getFullName());
    org.apache.kafka.connect.data.Schema connectSchema = null;
    long seed = file.hashCode();
    int checked = 0;
    for (Object random : new RandomData(GenericData.get(), writer, RECORDS_PER_VERSION, seed)) {
      byte[] written = codec.encode((GenericRecord) random);
      GenericRecord expected = resolve(written, writer, current);

      SchemaAndValue data = converter.toConnectData("topic-" + writer.getName(), written);
      Struct struct = (Struct) data.value();
      struct.validate();
      assertThat(data.schema().name()).isEqualTo(current.getFullName());
      assertThat(data.schema().version()).isEqualTo(ReleasedSchemas.bundled().versionsOf(current.getFullName()).size());
      connectSchema = connectSchema == null ? data.schema() : connectSchema;
      assertThat(data.schema()).as("one Connect schema per type, whatever version wrote the record").isSameAs(connectSchema);
      assertThat(AvroValues.toRecord(struct, current)).as("%s → Struct → Avro", file).isEqualTo(expected);

      byte[] back = converter.fromConnectData("topic-" + writer.getName(), data.schema(), struct);
      assertThat(codec.decode(back).record()).as("%s written back", file).isEqualTo(expected);
      assertThat(codec.decode(back).writer()).isEqualTo(current);
      checked++;
    }
    assertThat(checked).isEqualTo(RECORDS_PER_VERSION);
  }

  /** What Avro itself makes of the bytes in the current version: the reference the converter must match. */
  private static GenericRecord resolve(byte[] written, Schema writer, Schema current) throws IOException {
    return new GenericDatumReader<GenericRecord>(writer, current, GenericData.get())
        .read(null, DecoderFactory.get().binaryDecoder(written, 10, written.length - 10, null));
  }
}

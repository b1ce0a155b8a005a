package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class CleanPostCarriageTest {
  private static final Schema POST = SchemaBuilder.record("Post").fields()
      .requiredString("html").requiredString("text").name("links").type().array().items().stringType().noDefault()
      .requiredLong("seenAt").optionalString("language").endRecord();

  private static GenericRecord post(String html, String text, List<String> links, String language) {
    GenericRecord record = new GenericData.Record(POST);
    record.put("html", html);
    record.put("text", text);
    record.put("links", links);
    record.put("seenAt", 1L);
    record.put("language", language);
    return record;
  }

  @Test
  void meanBytesPerFieldLargestFirstAndMeanValueSize() {
    CleanPostCarriage carriage = new CleanPostCarriage();
    carriage.add(post("<p>héllo</p>", "héllo", List.of("https://a", "https://bb"), null), 60);
    carriage.add(post("<p>x</p>", "x", List.of(), "en"), 20);

    assertThat(carriage.records()).isEqualTo(2);
    assertThat(carriage.meanValueBytes()).isCloseTo(40, within(1e-9));
    assertThat(carriage.fields()).extracting(CleanPostCarriage.Field::name).startsWith("html", "links");
    // html: 13 bytes ("é" is two) and 8; text 6 and 1; links 19 and 0; seenAt 8 each; language 0 and 2
    assertThat(carriage.fields()).containsExactly(new CleanPostCarriage.Field("html", 10.5), new CleanPostCarriage.Field("links", 9.5),
        new CleanPostCarriage.Field("seenAt", 8), new CleanPostCarriage.Field("text", 3.5), new CleanPostCarriage.Field("language", 1));
  }
}

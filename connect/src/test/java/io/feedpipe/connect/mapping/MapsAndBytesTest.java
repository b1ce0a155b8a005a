package io.feedpipe.connect.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * Types no released feedpipe schema uses yet (maps, bytes, nullable array elements), mapped the
 * same way, so a future field of such a type needs no converter change.
 */
class MapsAndBytesTest {

  private static final Schema AVRO = new Schema.Parser().parse("""
      {"type": "record", "name": "Future", "namespace": "io.feedpipe.schemas", "fields": [
        {"name": "counts", "type": {"type": "map", "values": "long"}},
        {"name": "labels", "type": ["null", {"type": "map", "values": ["null", "string"]}], "default": null},
        {"name": "sketch", "type": "bytes"},
        {"name": "scores", "type": {"type": "array", "items": ["null", "double"]}}
      ]}
      """);

  @Test
  void mapsBytesAndNullableElementsRoundTrip() {
    GenericRecord record = new GenericData.Record(AVRO);
    record.put("counts", Map.of("a", 1L, "b", 2L));
    record.put("labels", new java.util.HashMap<>(java.util.Collections.singletonMap("x", null)));
    record.put("sketch", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    record.put("scores", java.util.Arrays.asList(0.5, null));

    org.apache.kafka.connect.data.Schema schema = ConnectSchemas.of(AVRO, 1);
    Struct struct = ConnectValues.toStruct(record, schema);
    struct.validate();

    assertThat(schema.field("counts").schema().type()).isEqualTo(org.apache.kafka.connect.data.Schema.Type.MAP);
    assertThat(schema.field("counts").schema().keySchema().type()).isEqualTo(org.apache.kafka.connect.data.Schema.Type.STRING);
    assertThat(schema.field("labels").schema().isOptional()).isTrue();
    assertThat(schema.field("labels").schema().valueSchema().isOptional()).isTrue();
    assertThat(struct.getMap("counts")).containsEntry("a", 1L).containsEntry("b", 2L);
    assertThat(struct.getBytes("sketch")).containsExactly(1, 2, 3);
    assertThat(struct.getArray("scores")).containsExactly(0.5, null);

    GenericRecord back = AvroValues.toRecord(struct, AVRO);
    assertThat(back).isEqualTo(record);
    assertThat(GenericData.get().validate(AVRO, back)).isTrue();
    assertThat(List.of(back.get("sketch"))).containsExactly(ByteBuffer.wrap(new byte[] {1, 2, 3}));
  }
}

package io.feedpipe.sinks.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectsFileTest {
  @TempDir Path dir;

  static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
    return new ConsumerRecord<>("posts.clean", 2, offset, Instant.parse("2026-11-01T12:00:00Z").toEpochMilli(), TimestampType.CREATE_TIME, -1,
        -1, "k".getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(), Optional.empty());
  }

  @Test
  void rejectLineKeepsWhereTheRecordWasItsBytesAndTheReason() throws Exception {
    JsonNode json = new ObjectMapper().readTree(RejectsFile.line(record(41, new byte[] {0, 1, 2}), "too long"));

    assertThat(json.get("topic").asText()).isEqualTo("posts.clean");
    assertThat(json.get("partition").asInt()).isEqualTo(2);
    assertThat(json.get("offset").asLong()).isEqualTo(41);
    assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-01T12:00:00Z");
    assertThat(json.get("reason").asText()).isEqualTo("too long");
    assertThat(Base64.getDecoder().decode(json.get("key").get("base64").asText())).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
    assertThat(Base64.getDecoder().decode(json.get("value").get("base64").asText())).containsExactly(0, 1, 2);
  }

  @Test
  void reasonWithNulAndUnpairedSurrogateStillMakesOneValidUtf8Line() throws Exception {
    byte[] line = RejectsFile.line(record(1, null), "bad \u0000 \uD800 text");

    assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
    assertThat(new String(line, StandardCharsets.UTF_8).strip()).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("reason").asText()).isEqualTo("bad \uFFFD \uFFFD text");
    assertThat(json.get("value").isNull()).isTrue();
  }

  @Test
  void rejectsOfAPartitionAppendToItsFileBesideTheArchive() throws Exception {
    RejectsFile.append(dir, record(3, new byte[] {1}), "first");
    RejectsFile.append(dir, record(9, new byte[] {2}), "second");

    assertThat(Files.readAllLines(dir.resolve("rejects-2.jsonl"))).hasSize(2).satisfiesExactly(
        l -> assertThat(l).contains("\"offset\":3").contains("first"), l -> assertThat(l).contains("\"offset\":9").contains("second"));
    assertThat(ArchiveFileName.parse("rejects-2.jsonl")).as("never taken for an archive file").isEmpty();
  }

  @Test
  void offsetsFromAPositionAreThoseOfTheWholeLinesFromThereOnHoweverLongTheLines() throws Exception {
    assertThat(RejectsFile.offsetsFrom(dir, 2, 0)).as("no file").isEmpty();
    RejectsFile.append(dir, record(2, new byte[] {1}), "too long");
    byte[] big = new byte[300_000]; // a line several times the 64 KB read-back chunk
    RejectsFile.append(dir, record(6, big), "too long");
    RejectsFile.append(dir, record(1_234_567_890_123L, big), "too long");
    assertThat(RejectsFile.offsetsFrom(dir, 2, 0)).containsExactlyInAnyOrder(2L, 6L, 1_234_567_890_123L);
    assertThat(RejectsFile.offsetsFrom(dir, 2, 3)).containsExactlyInAnyOrder(6L, 1_234_567_890_123L);
    assertThat(RejectsFile.offsetsFrom(dir, 3, 0)).as("another partition's file").isEmpty();
  }

  @Test
  void offsetsFromAPositionAmongManyShortLinesOverManyReadBackChunks() throws Exception {
    for (long offset = 0; offset < 3_000; offset++) { // ~500 KB: line starts fall on and around chunk boundaries
      RejectsFile.append(dir, record(offset, new byte[(int) (offset % 97)]), "too long");
    }

    assertThat(RejectsFile.offsetsFrom(dir, 2, 1_700))
        .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.range(1_700, 3_000).boxed().toList());
    assertThat(RejectsFile.offsetsFrom(dir, 2, 0)).hasSize(3_000);
  }

  @Test
  void aLineCutShortByACrashDoesNotCountAndIsCutOffByTheNextAppend() throws Exception {
    RejectsFile.append(dir, record(6, new byte[] {1}), "too long");
    byte[] next = RejectsFile.line(record(9, new byte[] {2}), "too long");
    Files.write(dir.resolve(RejectsFile.fileName(2)), java.util.Arrays.copyOf(next, next.length - 5),
        java.nio.file.StandardOpenOption.APPEND); // cut after its offset: the fragment names offset 9
    assertThat(RejectsFile.offsetsFrom(dir, 2, 0)).containsExactly(6L);

    RejectsFile.append(dir, record(9, new byte[] {2}), "too long");
    java.util.List<String> lines = Files.readAllLines(dir.resolve(RejectsFile.fileName(2)), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(new ObjectMapper().readTree(lines.get(1)).get("offset").asLong()).as("the whole line, on its own").isEqualTo(9);
    assertThat(RejectsFile.offsetsFrom(dir, 2, 0)).containsExactlyInAnyOrder(6L, 9L);
  }
}

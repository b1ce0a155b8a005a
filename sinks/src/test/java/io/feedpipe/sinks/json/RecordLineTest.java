package io.feedpipe.sinks.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.client.FeedpipeTopic;
import io.feedpipe.schemas.CleanPost;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordLineTest {
  final RecordLine lines = new RecordLine();

  static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, String key, byte[] value) {
    return new ConsumerRecord<>(topic, partition, offset, Instant.parse("2026-11-01T12:00:00Z").toEpochMilli(), TimestampType.CREATE_TIME,
        -1, -1, key.getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(), Optional.empty());
  }

  @Test
  void cleanPostLineCarriesWhereTheRecordWasAndTheDecodedPost() throws Exception {
    CleanPost post = CleanPost.newBuilder().setPostId("lw:1").setRevision(2).setTitle("Title").setLink("https://x/1")
        .setAuthors(List.of("A")).setCategories(List.of()).setPublishedAt(Instant.parse("2026-10-31T09:00:00Z")).setUpdatedAt(null)
        .setText("t").setHtml("<p>t</p>").setExcerpt("t").setWordCount(1).setOutboundLinks(List.of()).setContentHash("h2")
        .setPreviousContentHash("h1").setFeedId("lw").setFeedUrl("https://x/feed").setFirstSeenAt(Instant.ofEpochMilli(0))
        .setLastSeenAt(Instant.ofEpochMilli(0)).setFetchId("f").build();
    byte[] value = FeedpipeTopic.CLEAN.valueSerde().serializer().serialize("posts.clean", post);

    byte[] line = lines.toLine(record("posts.clean", 3, 41, "lw:1", value));
    assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("topic").asText()).isEqualTo("posts.clean");
    assertThat(json.get("partition").asInt()).isEqualTo(3);
    assertThat(json.get("offset").asLong()).isEqualTo(41);
    assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-01T12:00:00Z");
    assertThat(json.get("key").asText()).isEqualTo("lw:1");
    assertThat(json.get("value").get("revision").asInt()).isEqualTo(2);
    assertThat(json.get("value").get("publishedAt").asText()).isEqualTo("2026-10-31T09:00:00Z");
    assertThat(json.has("error")).isFalse();
  }

  @Test
  void valueThatDoesNotDecodeIsKeptAsBytesWithTheError() throws Exception {
    JsonNode json = new ObjectMapper().readTree(lines.toLine(record("posts.clean", 0, 7, "k", new byte[] {(byte) 0xc3, 0x01, 9, 9})));
    assertThat(json.get("error").asText()).contains("posts.clean");
    assertThat(json.get("value").get("base64").asText()).isEqualTo("wwEJCQ==");
  }

  @Test
  void otherTopicsKeepTheirValuesAsTextWithHeaders() throws Exception {
    var record = record("someone.elses", 0, 0, "k", "plain text\nwith a newline".getBytes(StandardCharsets.UTF_8));
    record.headers().add("trace", "abc".getBytes(StandardCharsets.UTF_8));
    byte[] line = lines.toLine(record);
    assertThat(new String(line, StandardCharsets.UTF_8).indexOf('\n')).as("one line").isEqualTo(line.length - 1);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("value").asText()).isEqualTo("plain text\nwith a newline");
    assertThat(json.get("headers").get("trace").asText()).isEqualTo("abc");
  }

  @Test
  void lineOverTheBoundIsRefusedWithItsSize() {
    byte[] value = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);

    RecordLine.Rendered rendered = lines.render(record("archive-me", 0, 1, "k", value), 4096);

    assertThat(rendered).isInstanceOfSatisfying(RecordLine.Refused.class,
        refused -> assertThat(refused.reason()).matches("its JSON line of \\d+ bytes is over the bound of 4096 bytes"));
  }

  @Test
  void lineWithinTheBoundIsTheLine() {
    RecordLine.Rendered rendered = lines.render(record("archive-me", 0, 1, "k", "v".getBytes(StandardCharsets.UTF_8)), 4096);

    assertThat(rendered).isInstanceOfSatisfying(RecordLine.Line.class,
        line -> assertThat(line.bytes()).isEqualTo(lines.toLine(record("archive-me", 0, 1, "k", "v".getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void nulCharactersInTextAreEscapedNotRefused() throws Exception {
    RecordLine.Rendered rendered = lines.render(record("archive-me", 0, 1, "k", "a\u0000b".getBytes(StandardCharsets.UTF_8)), 4096);

    JsonNode json = new ObjectMapper().readTree(((RecordLine.Line) rendered).bytes());
    assertThat(json.get("value").asText()).isEqualTo("a\u0000b");
  }
}

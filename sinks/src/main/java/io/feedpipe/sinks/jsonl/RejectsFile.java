package io.feedpipe.sinks.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedpipe.client.consume.SafeText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where the archive puts records it cannot hold: {@code <dir>/<topic>/rejects-<partition>.jsonl},
 * plain (not gzip) JSON lines beside the partition's archive files, one per record: {@code
 * {"topic", "partition", "offset", "timestamp", "key", "reason", "value"}}, key and value as {@code
 * {"base64": …}} (the record's bytes as they are in the topic, whatever their size: this file keeps
 * what the archive could not, so the line bound does not apply). Each line is fsynced before the
 * sink goes on.
 *
 * <p>The archive's exactly-once does not extend here: a crash after a reject and before the next
 * finished file reads the record again and rejects it again, so a line may repeat; the topic,
 * partition and offset identify it.
 */
final class RejectsFile {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final int MAX_REASON_CHARS = 4_000;

  private RejectsFile() {}

  static String fileName(int partition) {
    return "rejects-" + partition + ".jsonl";
  }

  /** Appends the record's reject line to its partition's rejects file under {@code topicDir}, durably. */
  static void append(Path topicDir, ConsumerRecord<byte[], byte[]> record, String reason) {
    Path file = topicDir.resolve(fileName(record.partition()));
    byte[] line = line(record, reason);
    try {
      Files.createDirectories(topicDir);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      PartitionFile.fsyncDirectory(topicDir); // the file may be new
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The reject line, newline included. Pure; never fails (the reason is sanitized, the bytes are base64). */
  static byte[] line(ConsumerRecord<byte[], byte[]> record, String reason) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("topic", record.topic());
    json.put("partition", record.partition());
    json.put("offset", record.offset());
    json.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    json.set("key", base64(record.key()));
    json.put("reason", SafeText.of(reason, MAX_REASON_CHARS));
    json.set("value", base64(record.value()));
    try {
      byte[] text = MAPPER.writeValueAsBytes(json);
      byte[] line = new byte[text.length + 1];
      System.arraycopy(text, 0, line, 0, text.length);
      line[text.length] = '\n';
      return line;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a reject line of plain ASCII fields failed to render", e);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode base64(byte[] bytes) {
    if (bytes == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    return JsonNodeFactory.instance.objectNode().put("base64", Base64.getEncoder().encodeToString(bytes));
  }
}

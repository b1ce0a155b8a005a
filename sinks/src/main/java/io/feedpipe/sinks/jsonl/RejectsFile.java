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
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where the archive puts records it cannot hold: {@code <dir>/<topic>/rejects-<partition>.jsonl},
 * plain (not gzip) JSON lines beside the partition's archive files, one per record: {@code
 * {"topic", "partition", "offset", "timestamp", "key", "reason", "value"}}, key and value as {@code
 * {"base64": …}} (the record's bytes as they are in the topic, whatever their size: this file keeps
 * what the archive could not, so the line bound does not apply). Each line is fsynced before the
 * sink goes on.
 *
 * <p>Lines are appended in offset order. The sink resumes a partition after its last finished
 * archive file and reads again what came after; {@link #offsetsFrom} gives the offsets already
 * rejected from that point on, so a record read again is not appended twice. A crash in the middle
 * of an append leaves a line without its newline: the next append cuts it off first, so only whole
 * lines count, and that record is rejected again.
 */
final class RejectsFile {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final int MAX_REASON_CHARS = 4_000;
  /** A line starts {"topic":…,"partition":…,"offset":…}; topic names are at most 249 characters. */
  private static final int LINE_HEAD_BYTES = 512;
  private static final Pattern OFFSET = Pattern.compile("^\\{\"topic\":\"[^\"]*\",\"partition\":\\d+,\"offset\":(\\d+)");

  private RejectsFile() {}

  static String fileName(int partition) {
    return "rejects-" + partition + ".jsonl";
  }

  /**
   * The offsets of the lines of the partition's rejects file under {@code topicDir} from {@code
   * from} on: the file is read once from its end, chunk by chunk, back to the first line below
   * {@code from}; of each line only its head is read again, for its offset.
   */
  static Set<Long> offsetsFrom(Path topicDir, int partition, long from) {
    Path file = topicDir.resolve(fileName(partition));
    Set<Long> offsets = new HashSet<>();
    if (!Files.isRegularFile(file)) {
      return offsets;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
      long lineEnd = -1; // the newline that ends the line being read back to; none yet: after it, a cut line
      for (long to = channel.size(); to > 0; ) {
        long chunkFrom = Math.max(0, to - chunk.capacity());
        readFully(channel, chunk, chunkFrom, to);
        for (int i = (int) (to - chunkFrom) - 1; i >= -1; i--) {
          if (i >= 0 && chunk.get(i) != '\n' || i == -1 && chunkFrom > 0) {
            continue; // inside a line, or a chunk boundary that is no line's start
          }
          long lineStart = chunkFrom + i + 1; // after a newline, or the file's first byte
          if (lineEnd >= 0 && lineStart < lineEnd) {
            long offset = offsetOfLine(channel, lineStart, lineEnd);
            if (offset >= 0 && offset < from) {
              return offsets;
            }
            if (offset >= 0) {
              offsets.add(offset);
            }
          }
          lineEnd = lineStart - 1;
        }
        to = chunkFrom;
      }
      return offsets;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The offset a line between {@code start} and {@code end} names, -1 when its head is not a reject's. */
  private static long offsetOfLine(FileChannel channel, long start, long end) throws IOException {
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(LINE_HEAD_BYTES, end - start));
    readFully(channel, head, start, start + head.capacity());
    Matcher offset = OFFSET.matcher(new String(head.array(), 0, head.limit(), StandardCharsets.US_ASCII));
    return offset.find() ? Long.parseLong(offset.group(1)) : -1;
  }

  /** Reads {@code [from, to)} of the file into {@code buffer}, from its start. */
  private static void readFully(FileChannel channel, ByteBuffer buffer, long from, long to) throws IOException {
    buffer.clear().limit((int) (to - from));
    while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
      // read on: a read may return fewer bytes
    }
    buffer.flip();
  }

  /**
   * Cuts off a line left without its newline by a crash in the middle of an append: that record was
   * not durably rejected, and is rejected again whole. Ending the torn line instead would make a
   * fragment that names the record's offset count as its reject.
   */
  private static void cutTornTail(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      ByteBuffer last = ByteBuffer.allocate(1);
      if (size == 0 || channel.read(last, size - 1) == 1 && last.get(0) == '\n') {
        return; // nearly always: the last append ended its line
      }
      long keep = lastNewline(channel, size) + 1;
      if (keep < size) {
        channel.truncate(keep);
        channel.force(true);
      }
    }
  }

  /** Where the last newline before {@code limit} is, or -1. */
  private static long lastNewline(FileChannel channel, long limit) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    for (long to = limit; to > 0; ) {
      long from = Math.max(0, to - chunk.capacity());
      readFully(channel, chunk, from, to);
      for (int i = chunk.limit() - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          return from + i;
        }
      }
      to = from;
    }
    return -1;
  }

  /** Appends the record's reject line to its partition's rejects file under {@code topicDir}, durably. */
  static void append(Path topicDir, ConsumerRecord<byte[], byte[]> record, String reason) {
    Path file = topicDir.resolve(fileName(record.partition()));
    byte[] line = line(record, reason);
    try {
      Files.createDirectories(topicDir);
      cutTornTail(file);
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

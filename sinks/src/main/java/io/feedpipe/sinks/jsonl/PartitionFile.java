package io.feedpipe.sinks.jsonl;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * One archive file being written: gzip JSON lines of one partition, under the partial name until
 * {@link #finish()}. Finishing writes the gzip trailer, fsyncs the file, renames it atomically to
 * its final name (which carries the last offset) and fsyncs the directory, in that order: a crash
 * before the rename leaves only a partial file, which recovery deletes; after it, the whole file.
 */
public final class PartitionFile {
  private final Path dir;
  private final String topic;
  private final int partition;
  private final Path partial;
  private final FileChannel channel;
  private final CountingOutputStream counted;
  private final GZIPOutputStream gzip;
  private final OutputStream out;
  private final long openedNanos = System.nanoTime();
  private long firstOffset = -1;
  private long lastOffset = -1;
  private long lines;
  private boolean closed;

  private PartitionFile(Path dir, String topic, int partition, Path partial, FileChannel channel) throws IOException {
    this.dir = dir;
    this.topic = topic;
    this.partition = partition;
    this.partial = partial;
    this.channel = channel;
    this.counted = new CountingOutputStream(Channels.newOutputStream(channel));
    this.gzip = new GZIPOutputStream(counted, 64 * 1024);
    this.out = new BufferedOutputStream(gzip, 64 * 1024);
  }

  static PartitionFile create(Path dir, String topic, int partition) {
    Path partial = dir.resolve(ArchiveFileName.partialName(topic, partition));
    try {
      Files.createDirectories(dir);
      FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
      return new PartitionFile(dir, topic, partition, partial, channel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + partial + ": " + e.getMessage(), e);
    }
  }

  /** Appends one line (with its newline) holding the record at {@code offset}. */
  public void append(byte[] line, long offset) {
    if (offset <= lastOffset) {
      throw new IllegalStateException(topic + "-" + partition + ": offset " + offset + " after " + lastOffset + " would archive a record twice");
    }
    try {
      out.write(line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + partial + ": " + e.getMessage(), e);
    }
    if (firstOffset < 0) {
      firstOffset = offset;
    }
    lastOffset = offset;
    lines++;
  }

  public boolean isEmpty() {
    return lines == 0;
  }

  public long lines() {
    return lines;
  }

  public long lastOffset() {
    return lastOffset;
  }

  /** Compressed bytes on disk so far (the deflater holds back up to its buffer). */
  public long bytes() {
    return counted.count;
  }

  public long ageNanos() {
    return System.nanoTime() - openedNanos;
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  /**
   * Completes the file and gives it its final name; returns that name. An empty file is deleted
   * instead (returns null): a name needs a range.
   */
  public ArchiveFileName finish() {
    if (isEmpty()) {
      discard();
      return null;
    }
    ArchiveFileName name = new ArchiveFileName(topic, partition, firstOffset, lastOffset);
    try {
      out.flush();
      gzip.finish();
      counted.flush();
      channel.force(true);
      channel.close();
      closed = true;
      Files.move(partial, dir.resolve(name.fileName()), StandardCopyOption.ATOMIC_MOVE);
      fsyncDirectory(dir);
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + partial + " as " + name.fileName() + ": " + e.getMessage(), e);
    }
  }

  /** Closes and deletes the partial file: its records will be read and written again. */
  public void discard() {
    try {
      if (!closed) {
        closed = true;
        channel.close();
      }
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + partial + ": " + e.getMessage(), e);
    }
  }

  /** A rename is durable only once the directory entry is: fsync the directory (Linux, macOS). */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
        throw e;
      }
    }
  }

  private static final class CountingOutputStream extends FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}

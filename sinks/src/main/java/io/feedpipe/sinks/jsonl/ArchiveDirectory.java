package io.feedpipe.sinks.jsonl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive directory: one folder per topic, finished files in offset order, at most one partial
 * file per partition. The directory is locked while a sink writes it: two sinks appending to the
 * same partition's files would each believe it owns the position.
 */
public final class ArchiveDirectory implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ArchiveDirectory.class);

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private ArchiveDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Opens (creating) the archive under {@code root} and locks it. */
  public static ArchiveDirectory open(Path root) {
    try {
      Files.createDirectories(root);
      FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("archive " + root + " is being written by another sink (its .lock is held); one sink per directory");
      }
      return new ArchiveDirectory(root, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open archive directory " + root + ": " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  public Path topicDir(String topic) {
    return root.resolve(topic);
  }

  /**
   * Makes a partition ready to be written again after whatever happened before: deletes its
   * partial file (cut mid-write by a crash, or never finished) and returns the offset to resume
   * from, one past the last offset of its finished files; empty when it has none.
   */
  public OptionalLong recover(String topic, int partition) {
    Path dir = topicDir(topic);
    try {
      Files.createDirectories(dir);
      Path partial = dir.resolve(ArchiveFileName.partialName(topic, partition));
      if (Files.deleteIfExists(partial)) {
        log.info("{}-{}: deleted an unfinished file {} (its records are read again)", topic, partition, partial.getFileName());
      }
      List<ArchiveFileName> files = files(topic, partition);
      if (files.isEmpty()) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(files.get(files.size() - 1).lastOffset() + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover " + topic + "-" + partition + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The partition's finished files in offset order. */
  public List<ArchiveFileName> files(String topic, int partition) {
    Path dir = topicDir(topic);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.map(p -> ArchiveFileName.parse(p.getFileName().toString()))
          .flatMap(java.util.Optional::stream)
          .filter(f -> f.topic().equals(topic) && f.partition() == partition)
          .sorted(Comparator.comparingLong(ArchiveFileName::firstOffset))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Opens the partition's partial file for its next archive file. */
  public PartitionFile create(String topic, int partition) {
    return PartitionFile.create(topicDir(topic), topic, partition);
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      log.warn("cannot release the lock of {}: {}", root, e.toString());
    }
  }
}

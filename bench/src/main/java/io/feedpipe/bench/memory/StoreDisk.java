package io.feedpipe.bench.memory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;

/** The bytes a directory tree takes: the dedupe store's RocksDB files under the Streams state directory. */
public final class StoreDisk {
  private StoreDisk() {}

  /**
   * Sum of the sizes of the regular files under {@code dir}; 0 if it does not exist. RocksDB creates
   * and deletes files while this walks (flushes, compactions): a file gone before it is read counts
   * as nothing.
   */
  public static long sizeOf(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    AtomicLong total = new AtomicLong();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            total.addAndGet(attrs.size());
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException e) {
      return total.get();
    } catch (IOException e) {
      throw new IllegalStateException("cannot measure " + dir + ": " + e.getMessage(), e);
    }
    return total.get();
  }
}

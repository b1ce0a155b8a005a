package io.feedpipe.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreDiskTest {

  @TempDir Path dir;

  @Test
  void sumsTheFilesOfEveryStoreInstance() throws Exception {
    Path a = Files.createDirectories(dir.resolve("0_0/rocksdb/post-state"));
    Path b = Files.createDirectories(dir.resolve("0_1/rocksdb/post-state"));
    Files.write(a.resolve("000012.sst"), new byte[1000]);
    Files.write(a.resolve("MANIFEST-000005"), new byte[24]);
    Files.write(b.resolve("000013.sst"), new byte[500]);
    Files.write(dir.resolve("0_0/.checkpoint"), new byte[10]);
    assertThat(StoreDisk.sizeOf(dir)).isEqualTo(1534);
  }

  @Test
  void aMissingDirectoryTakesNothing() {
    assertThat(StoreDisk.sizeOf(dir.resolve("not-yet"))).isZero();
  }
}

package io.feedpipe.sinks.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveDirectoryTest {
  @TempDir Path root;

  static byte[] line(long offset) {
    return ("{\"offset\":" + offset + "}\n").getBytes(StandardCharsets.UTF_8);
  }

  static String read(Path gz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void finishedFileIsCompleteGzipNamedByItsFirstAndLastOffset() throws IOException {
    try (ArchiveDirectory archive = ArchiveDirectory.open(root)) {
      PartitionFile file = archive.create("posts.clean", 1);
      for (long offset = 10; offset < 15; offset++) {
        file.append(line(offset), offset);
      }
      ArchiveFileName name = file.finish();
      assertThat(name).isEqualTo(new ArchiveFileName("posts.clean", 1, 10, 14));
      Path path = root.resolve("posts.clean").resolve(name.fileName());
      assertThat(read(path).lines()).hasSize(5).first().isEqualTo("{\"offset\":10}");
      assertThat(root.resolve("posts.clean").resolve(ArchiveFileName.partialName("posts.clean", 1))).doesNotExist();
      assertThat(archive.recover("posts.clean", 1)).hasValue(15);
    }
  }

  @Test
  void partialFileCutMidWriteIsDeletedAndThePartitionResumesAfterTheLastFinishedFile() throws IOException {
    Path topicDir = Files.createDirectories(root.resolve("posts.clean"));
    Files.write(topicDir.resolve(new ArchiveFileName("posts.clean", 0, 0, 99).fileName()), gzip("finished"));
    Files.write(topicDir.resolve(new ArchiveFileName("posts.clean", 0, 100, 180).fileName()), gzip("finished"));
    // a crash in the middle of a gzip stream: no trailer, the last line half written
    byte[] whole = gzip("{\"offset\":181}\n{\"offset\":182}\n{\"offs");
    Path partial = topicDir.resolve(ArchiveFileName.partialName("posts.clean", 0));
    Files.write(partial, java.util.Arrays.copyOf(whole, whole.length - 9));
    assertThatThrownBy(() -> read(partial)).isInstanceOf(EOFException.class); // what a reader would meet

    try (ArchiveDirectory archive = ArchiveDirectory.open(root)) {
      assertThat(archive.recover("posts.clean", 0)).hasValue(181);
      assertThat(partial).doesNotExist();
      assertThat(archive.recover("posts.clean", 5)).isEmpty();
    }
  }

  @Test
  void offsetsMustIncreaseWithinAFile() throws IOException {
    try (ArchiveDirectory archive = ArchiveDirectory.open(root)) {
      PartitionFile file = archive.create("t", 0);
      file.append(line(5), 5);
      assertThatThrownBy(() -> file.append(line(5), 5)).hasMessageContaining("twice");
      file.discard();
    }
  }

  @Test
  void emptyFileIsNotKept() throws IOException {
    try (ArchiveDirectory archive = ArchiveDirectory.open(root)) {
      assertThat(archive.create("t", 0).finish()).isNull();
      try (var files = Files.list(root.resolve("t"))) {
        assertThat(files).isEmpty();
      }
    }
  }

  @Test
  void secondSinkOnTheSameDirectoryIsRefused() {
    try (ArchiveDirectory first = ArchiveDirectory.open(root)) {
      assertThat(first.root()).isEqualTo(root);
      assertThatThrownBy(() -> ArchiveDirectory.open(root)).hasMessageContaining("another sink");
    }
    ArchiveDirectory.open(root).close(); // released
  }

  @Test
  void filesAreListedInOffsetOrderPerPartition() throws IOException {
    Path topicDir = Files.createDirectories(root.resolve("t"));
    for (ArchiveFileName name : List.of(new ArchiveFileName("t", 0, 50, 60), new ArchiveFileName("t", 0, 0, 49),
        new ArchiveFileName("t", 1, 0, 3))) {
      Files.write(topicDir.resolve(name.fileName()), gzip(""));
    }
    try (ArchiveDirectory archive = ArchiveDirectory.open(root)) {
      assertThat(archive.files("t", 0)).extracting(ArchiveFileName::firstOffset).containsExactly(0L, 50L);
    }
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}

package io.feedpipe.sinks.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArchiveFileNameTest {

  @Test
  void nameCarriesTopicPartitionAndOffsetRangeAndParsesBack() {
    ArchiveFileName name = new ArchiveFileName("posts.route.ai-ml", 4, 100, 199);
    assertThat(name.fileName()).isEqualTo("posts.route.ai-ml-4-00000000000000000100-00000000000000000199.jsonl.gz");
    assertThat(ArchiveFileName.parse(name.fileName())).contains(name);
  }

  @Test
  void namesSortInOffsetOrder() {
    String a = new ArchiveFileName("t", 0, 9, 99).fileName();
    String b = new ArchiveFileName("t", 0, 100, 1000).fileName();
    assertThat(a.compareTo(b)).isNegative();
  }

  @Test
  void partialFilesAreHiddenAndNeverParsedAsFinished() {
    String partial = ArchiveFileName.partialName("posts.clean", 2);
    assertThat(partial).startsWith(".").doesNotEndWith(".jsonl.gz");
    assertThat(ArchiveFileName.isPartial(partial)).isTrue();
    assertThat(ArchiveFileName.parse(partial)).isEmpty();
    assertThat(ArchiveFileName.parse("notes.txt")).isEmpty();
  }
}

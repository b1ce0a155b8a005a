package io.feedpipe.sinks.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

  @Test
  void sizesAreBinaryMultiples() {
    assertThat(ByteSize.parse("1048576")).isEqualTo(1048576);
    assertThat(ByteSize.parse("512KB")).isEqualTo(512 * 1024);
    assertThat(ByteSize.parse("64mb")).isEqualTo(64L * 1024 * 1024);
    assertThat(ByteSize.parse("1 GB")).isEqualTo(1024L * 1024 * 1024);
  }

  @Test
  void notASizeSaysHowToWriteOne() {
    assertThatThrownBy(() -> ByteSize.parse("big")).hasMessageContaining("64MB");
  }
}

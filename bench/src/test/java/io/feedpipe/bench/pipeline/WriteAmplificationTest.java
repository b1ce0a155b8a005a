package io.feedpipe.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteAmplificationTest {

  @Test
  void growthAddsWhatEachTopicGrewByOverSeveralWindows() {
    Map<String, Long> first = WriteAmplification.growth(Map.of("raw", 100L), Map.of("raw", 1_100L, "status", 50L), Map.of());
    Map<String, Long> both = WriteAmplification.growth(Map.of("raw", 1_100L, "clean", 0L, "changelog", 900L),
        Map.of("raw", 1_100L, "clean", 2_000L, "changelog", 400L), first);
    assertThat(both).containsEntry("raw", 1_000L).containsEntry("status", 50L).containsEntry("clean", 2_000L)
        .as("a compacted or truncated topic counts 0, not less").containsEntry("changelog", 0L);
  }

  @Test
  void bytesPerPostAndPerInputByteOverEveryTopicThatGrew() {
    WriteAmplification written = WriteAmplification.of(
        Map.of("run.posts.raw", 1_000_000L, "run.posts.clean", 2_000_000L, "app-store-changelog", 250_000L, "run.idle", 0L),
        name -> name.startsWith("run.") ? name.substring(4) : "streams app: " + name.substring(4), "run.posts.raw", 100, 1_600_000);

    assertThat(written.topics()).extracting(WriteAmplification.Topic::name)
        .containsExactly("posts.clean", "posts.raw", "streams app: store-changelog");
    assertThat(written.total()).isEqualTo(3_250_000);
    assertThat(written.rawBytes()).isEqualTo(1_000_000);
    assertThat(written.overRaw()).isCloseTo(3.25, within(1e-9));
    assertThat(written.overHtml()).isCloseTo(3_250_000 / 1_600_000.0, within(1e-9));
    assertThat(written.totalPerPost()).isCloseTo(32_500, within(1e-9));
  }

  @Test
  void nothingWrittenGivesZerosNotDivisionErrors() {
    WriteAmplification none = WriteAmplification.of(Map.of(), name -> name, "posts.raw", 0, 0);
    assertThat(none.overRaw()).isZero();
    assertThat(none.overHtml()).isZero();
    assertThat(none.totalPerPost()).isZero();
  }
}

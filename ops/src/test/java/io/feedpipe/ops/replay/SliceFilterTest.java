package io.feedpipe.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SliceFilterTest {

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void onOtherTopicsTheFeedIsTheKeyBeforeTheFirstColon() {
    SliceFilter filter = new SliceFilter("my.copy", Optional.of("lesswrong"));
    assertThat(filter.accepts(b("lesswrong:https://x/1"), b("v"))).isTrue();
    assertThat(filter.accepts(b("acx:https://x/1"), b("v"))).isFalse();
    assertThat(filter.accepts(null, b("v"))).isFalse();
  }

  @Test
  void withoutAFeedEverythingIsCopied() {
    assertThat(new SliceFilter("posts.clean", Optional.empty()).accepts(null, b("garbage"))).isTrue();
  }

  @Test
  void undecodableValueOfAFeedpipeTopicIsNotPartOfAFeedsSlice() {
    assertThat(new SliceFilter("posts.clean", Optional.of("lesswrong")).accepts(b("lesswrong:1"), b("garbage"))).isFalse();
  }

  @Test
  void sliceMustGoToANewTopicAndEndAfterItStarts() {
    Instant t = Instant.parse("2026-11-01T00:00:00Z");
    assertThatThrownBy(() -> new SliceSpec("posts.clean", "posts.clean", t, Optional.empty(), Optional.empty()))
        .hasMessageContaining("new topic");
    assertThatThrownBy(() -> new SliceSpec("posts.clean", "x", t, Optional.of(t), Optional.empty())).hasMessageContaining("must be after");
  }

  @Test
  void progressBarOffATerminalPrintsATenthAtATime() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    for (int i = 0; i <= 100; i++) {
      bar.update(i, 100, i / 2);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out.lines()).hasSize(11);
    assertThat(out.lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("[##############################] 100% 100/100 scanned, 50 copied");
  }
}

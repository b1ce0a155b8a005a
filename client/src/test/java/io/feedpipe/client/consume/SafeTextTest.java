package io.feedpipe.client.consume;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

  @Test
  void nulCharactersAndUnpairedSurrogatesBecomeReplacementCharacters() {
    assertThat(SafeText.of("a\u0000b\uD800c\uDC00", 100)).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
  }

  @Test
  void surrogatePairsAreKept() {
    assertThat(SafeText.of("emoji \uD83D\uDE00", 100)).isEqualTo("emoji \uD83D\uDE00");
  }

  @Test
  void longTextIsCutWithANoteAndNeverBetweenTheHalvesOfAPair() {
    assertThat(SafeText.of("abcdef", 3)).isEqualTo("abc… [cut, 6 chars in all]");
    assertThat(SafeText.of("ab\uD83D\uDE00", 3)).isEqualTo("ab… [cut, 4 chars in all]");
  }

  @Test
  void nullStaysNull() {
    assertThat(SafeText.of(null, 10)).isNull();
  }
}

package io.feedpipe.producer.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SourceCharsTest {
  @AfterEach
  void release() {
    SourceChars.release();
  }

  private static char[] chars(int length, char c) {
    char[] chars = new char[length];
    Arrays.fill(chars, c);
    return chars;
  }

  @Test
  void aLongStringIsFoundWithTheArrayItWasMadeFrom() {
    char[] chars = chars(SourceChars.MIN_LENGTH + 10, '’');
    String text = SourceChars.adopt(chars, SourceChars.MIN_LENGTH);
    assertThat(text).hasSize(SourceChars.MIN_LENGTH).isEqualTo(new String(chars, 0, SourceChars.MIN_LENGTH));
    assertThat(SourceChars.of(text)).isSameAs(chars);
  }

  @Test
  void onlyTheVeryStringIsFoundNotAnEqualOne() {
    String text = SourceChars.adopt(chars(SourceChars.MIN_LENGTH, 'a'), SourceChars.MIN_LENGTH);
    assertThat(SourceChars.of(new String(text.toCharArray()))).isNull();
    assertThat(SourceChars.of(null)).isNull();
  }

  @Test
  void theUtf8FormTakesThePlaceOfTheArray() {
    String text = SourceChars.adopt(chars(SourceChars.MIN_LENGTH, 'a'), SourceChars.MIN_LENGTH);
    byte[] utf8 = "a".repeat(SourceChars.MIN_LENGTH).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(SourceChars.utf8(text)).isNull();
    SourceChars.keepUtf8(text, utf8);
    assertThat(SourceChars.utf8(text)).isSameAs(utf8);
    assertThat(SourceChars.of(text)).isNull();
    SourceChars.keepUtf8(new String(text.toCharArray()), new byte[0]); // not the same string: nothing kept
    assertThat(SourceChars.utf8(text)).isSameAs(utf8);
  }

  @Test
  void aVerbatimTextComesWithItsDocumentBytesAsItsUtf8AndWithoutAnArray() {
    char[] document = chars(SourceChars.MIN_LENGTH + 20, 'a');
    byte[] utf8 = "a".repeat(SourceChars.MIN_LENGTH).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String text = SourceChars.adoptVerbatim(document, 10, SourceChars.MIN_LENGTH, utf8);

    assertThat(text).isEqualTo("a".repeat(SourceChars.MIN_LENGTH));
    assertThat(SourceChars.utf8(text)).isSameAs(utf8);
    assertThat(SourceChars.of(text)).as("no array whose first chars are the text's").isNull();
    assertThat(SourceChars.utf8(new String(text.toCharArray()))).isNull();
    String adopted = SourceChars.adopt(chars(SourceChars.MIN_LENGTH, 'b'), SourceChars.MIN_LENGTH);
    assertThat(SourceChars.utf8(adopted)).as("a text adopted with its chars has no UTF-8 form before its scan").isNull();
    SourceChars.release();
    assertThat(SourceChars.utf8(text)).isNull();
  }

  @Test
  void shortStringsAreNotKept() {
    String text = SourceChars.adopt(chars(SourceChars.MIN_LENGTH - 1, 'a'), SourceChars.MIN_LENGTH - 1);
    assertThat(SourceChars.keeps(text.length())).isFalse();
    assertThat(SourceChars.of(text)).isNull();
  }

  @Test
  void releaseForgetsAndOtherThreadsNeverSee() throws Exception {
    String text = SourceChars.adopt(chars(SourceChars.MIN_LENGTH, 'a'), SourceChars.MIN_LENGTH);
    assertThat(CompletableFuture.supplyAsync(() -> SourceChars.of(text)).get()).isNull();
    SourceChars.release();
    assertThat(SourceChars.of(text)).isNull();
  }

  @Test
  void theOldestArePushedOutBeyondCapacity() {
    String[] texts = new String[SourceChars.CAPACITY + 1];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = SourceChars.adopt(chars(SourceChars.MIN_LENGTH, (char) ('a' + i % 26)), SourceChars.MIN_LENGTH);
    }
    assertThat(SourceChars.of(texts[0])).isNull();
    for (int i = 1; i < texts.length; i++) {
      assertThat(SourceChars.of(texts[i])).as("text %d", i).isNotNull();
    }
  }
}

package io.feedpipe.streams.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Utf8FormsTest {

  static final String LONG = "“Curly” quotes, 𝑥 and a lone \uD800 surrogate. ".repeat(10);

  @AfterEach
  void forget() {
    Utf8Forms.forget();
  }

  @Test
  void encodingGivesWhatStringGetBytesGivesAndKeepsTheFormOfALongString() {
    String s = new String(LONG);
    byte[] utf8 = Utf8Forms.encode(s);
    assertThat(utf8).isEqualTo(LONG.getBytes(StandardCharsets.UTF_8));
    assertThat(Utf8Forms.kept(s)).isSameAs(utf8);
    assertThat(Utf8Forms.encode(s)).as("encoded once").isSameAs(utf8);
  }

  @Test
  void aStringIsFoundOnlyAsTheVeryObjectKept() {
    String s = new String(LONG);
    Utf8Forms.encode(s);
    assertThat(Utf8Forms.kept(new String(LONG))).as("an equal string").isNull();
    assertThat(Utf8Forms.encode(new String(LONG))).isEqualTo(LONG.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shortStringsAndNullAreNotKept() {
    String s = "“short” 𝑥".repeat(3);
    assertThat(Utf8Forms.encode(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    assertThat(Utf8Forms.kept(s)).isNull();
    assertThat(Utf8Forms.kept(null)).isNull();
  }

  @Test
  void eachThreadKeepsItsOwnForms() throws InterruptedException {
    String s = new String(LONG);
    Utf8Forms.encode(s);
    AtomicReference<byte[]> seen = new AtomicReference<>(new byte[0]);
    Thread other = new Thread(() -> seen.set(Utf8Forms.kept(s)));
    other.start();
    other.join();
    assertThat(seen.get()).isNull();
  }

  @Test
  void atMostCapacityFormsAreKeptTheOldestGoingFirst() {
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < Utf8Forms.CAPACITY + 10; i++) {
      String s = i + LONG;
      strings.add(s);
      Utf8Forms.encode(s);
    }
    assertThat(strings.subList(0, 10)).allMatch(s -> Utf8Forms.kept(s) == null);
    assertThat(strings.subList(10, strings.size())).allMatch(s -> Utf8Forms.kept(s) != null);
  }

  @Test
  void atMostMaxBytesAreHeldCountingTheStringsTheOldestGoingFirst() {
    // Each holds 3 bytes a char: its one-byte form and its string's two bytes a char.
    String big = "x".repeat(Utf8Forms.MAX_BYTES / 3 / 3);
    List<String> bigOnes = List.of(new String(big), new String(big), new String(big), new String(big));
    bigOnes.forEach(Utf8Forms::encode);
    assertThat(bigOnes.stream().filter(s -> Utf8Forms.kept(s) != null)).as("three fill the budget").hasSize(3);
    assertThat(Utf8Forms.kept(bigOnes.get(0))).isNull();
    String tooBig = "y".repeat(Utf8Forms.MAX_BYTES / 3 + 1);
    assertThat(Utf8Forms.encode(tooBig)).hasSize(Utf8Forms.MAX_BYTES / 3 + 1);
    assertThat(Utf8Forms.kept(tooBig)).as("larger than the budget alone").isNull();
    assertThat(Utf8Forms.kept(bigOnes.get(3))).isNotNull();
  }
}

package io.feedpipe.producer.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.map.ValueRepair;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class Utf8SourceTest {

  @Property(tries = 1000)
  void decodesExactlyWhatTheJdksStrictDecoderDecodesAndRefusesWhatItRefuses(@ForAll("utf8ish") byte[] bytes) {
    CharBuffer expected = jdkStrict(bytes);
    Utf8Source decoded = Utf8Source.decode(bytes, 0);

    if (expected == null) {
      assertThat(decoded).as("decoded what the JDK refuses").isNull();
    } else {
      assertThat(decoded).as("refused what the JDK decodes").isNotNull();
      assertThat(new String(decoded.chars(), 0, decoded.length())).isEqualTo(expected.toString());
    }
  }

  @Property(tries = 500)
  void aSpanComesAsTheDocumentsBytesExactlyWhenItHoldsNothingToRepair(
      @ForAll("text") String text, @ForAll("fractions") Tuple.Tuple2<Double, Double> span) {
    Utf8Source source = Utf8Source.decode(text.getBytes(StandardCharsets.UTF_8), 0);
    int from = boundary(text, (int) (span.get1() * text.length()));
    int to = boundary(text, from + (int) (span.get2() * (text.length() - from)));
    String chosen = text.substring(from, to);

    byte[] bytes = source.verbatimUtf8(from, to);

    if (ValueRepair.isClean(chosen, true) && chosen.indexOf('\r') < 0) {
      assertThat(bytes).as("span %d..%d", from, to).isEqualTo(chosen.getBytes(StandardCharsets.UTF_8));
    } else {
      assertThat(bytes).as("span %d..%d holds something to repair", from, to).isNull();
    }
  }

  @Test
  void aSpanIsReadAfterAByteOrderMarkAndAcrossManyBlocks() {
    String text = "é😀 ".repeat(400) + "end";
    byte[] withBom = new byte[3 + text.getBytes(StandardCharsets.UTF_8).length];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(text.getBytes(StandardCharsets.UTF_8), 0, withBom, 3, withBom.length - 3);

    Utf8Source source = Utf8Source.decode(withBom, 3);

    assertThat(source.length()).isEqualTo(text.length());
    assertThat(source.verbatimUtf8(0, text.length())).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    assertThat(source.verbatimUtf8(text.length() - 3, text.length())).isEqualTo("end".getBytes(StandardCharsets.UTF_8));
    assertThat(source.regionMatches(text.length() - 3, "end")).isTrue();
    assertThat(source.regionMatches(text.length() - 2, "end")).isFalse();
  }

  @Test
  void aSpanIsNotHandedOutHalfwayThroughASurrogatePairOrOutsideTheText() {
    Utf8Source source = Utf8Source.decode("a😀b".getBytes(StandardCharsets.UTF_8), 0);

    assertThat(source.verbatimUtf8(0, 2)).isNull();
    assertThat(source.verbatimUtf8(2, 4)).isNull();
    assertThat(source.verbatimUtf8(0, 5)).isNull();
    assertThat(source.verbatimUtf8(1, 3)).isEqualTo("😀".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void carriageReturnsControlsAndNoncharactersKeepASpanFromBeingHandedOut() {
    for (String bad : List.of("\r", "\u0001", "\u007F", "\u0085", "\uFDD0", "\uFFFE", "\uD83F\uDFFF")) {
      String text = "x".repeat(300) + bad + "y".repeat(300);
      Utf8Source source = Utf8Source.decode(text.getBytes(StandardCharsets.UTF_8), 0);

      assertThat(source.verbatimUtf8(0, text.length())).as("U+%04X", (int) bad.charAt(0)).isNull();
      assertThat(source.verbatimUtf8(0, 300)).isNotNull();
      assertThat(source.verbatimUtf8(300 + bad.length(), text.length())).isNotNull();
    }
  }

  private static int boundary(String text, int index) {
    int i = Math.min(index, text.length());
    return i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i)) ? i - 1 : i;
  }

  private static CharBuffer jdkStrict(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Provide
  Arbitrary<byte[]> utf8ish() {
    // Mostly valid UTF-8 of every width, with stray bytes, truncated sequences, overlong forms and
    // encoded surrogates mixed in.
    Arbitrary<byte[]> valid = codePoints().map(cp -> new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> stray = Arbitraries.bytes().map(b -> new byte[] {b});
    Arbitrary<byte[]> broken = Arbitraries.of(
        new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xC1, (byte) 0xBF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, new byte[] {(byte) 0x80},
        new byte[] {(byte) 0xE2, (byte) 0x28, (byte) 0xA1}, new byte[] {(byte) 0xFF});
    Arbitrary<byte[]> piece = Arbitraries.frequencyOf(Tuple.of(20, valid), Tuple.of(1, stray), Tuple.of(1, broken));
    return piece.list().ofMaxSize(60).map(Utf8SourceTest::concat);
  }

  @Provide
  Arbitrary<String> text() {
    return codePoints().list().ofMinSize(1).ofMaxSize(1500).map(list -> {
      StringBuilder sb = new StringBuilder();
      list.forEach(sb::appendCodePoint);
      return sb.toString();
    });
  }

  @Provide
  Arbitrary<Tuple.Tuple2<Double, Double>> fractions() {
    return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1)).as(Tuple::of);
  }

  private static Arbitrary<Integer> codePoints() {
    return Arbitraries.frequencyOf(
        Tuple.of(30, Arbitraries.integers().between(0x20, 0x7E)),
        Tuple.of(3, Arbitraries.of(0x09, 0x0A, 0x0D, 0x00, 0x01, 0x1F, 0x7F, 0x85, 0x9F)),
        Tuple.of(3, Arbitraries.integers().between(0xA0, 0x7FF)),
        Tuple.of(3, Arbitraries.integers().between(0x800, 0xD7FF)),
        Tuple.of(1, Arbitraries.of(0xFDD0, 0xFDEF, 0xFDCF, 0xFDF0, 0xFFFD, 0xFFFE, 0xFFFF, 0xFEFF, 0x1FFFE, 0x10FFFF, 0x10000)),
        Tuple.of(2, Arbitraries.integers().between(0xE000, 0xFFFD)),
        Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)));
  }

  private static byte[] concat(List<byte[]> pieces) {
    int n = pieces.stream().mapToInt(p -> p.length).sum();
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : pieces) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}

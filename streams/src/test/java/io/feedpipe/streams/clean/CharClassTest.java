package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The lookup table agrees, for every UTF-16 code unit, with the definitions it stands for. */
class CharClassTest {

  @Test
  void whitespaceIsControlsSpacesUnicodeSpaceSeparatorsAndNoncharacters() {
    assertThat(
            disagreements(
                c -> Whitespace.isWhitespace((char) c),
                c -> c <= ' ' || c == '\u00A0' || Character.isSpaceChar(c) || Character.getType(c) == Character.CONTROL
                    || c == '\uFFFE' || c == '\uFFFF'))
        .isEmpty();
  }

  @Test
  void wordCharactersAreLettersAndDigits() {
    assertThat(
            disagreements(
                c -> (CharClass.of((char) c) & CharClass.WORD) != 0, Character::isLetterOrDigit))
        .isEmpty();
  }

  @Test
  void plainTextWritesEveryWhitespaceAsASpaceAndEverythingElseAsItself() {
    assertThat(
            disagreements(
                c -> (CharClass.of((char) c) >>> CharClass.TEXT_CHAR_SHIFT) == c,
                c -> !Whitespace.isWhitespace((char) c) || c == ' '))
        .isEmpty();
    for (char space : new char[] {'\t', '\n', '\u00A0', '\u2003', '\u3000'}) {
      assertThat((char) (CharClass.of(space) >>> CharClass.TEXT_CHAR_SHIFT)).isEqualTo(' ');
    }
  }

  @Test
  void escapesExactlyWhatHtmlTextNeeds() {
    assertThat(
            disagreements(
                c -> (CharClass.of((char) c) & CharClass.ESCAPE) != 0,
                c -> "&<>\u00A0".indexOf(c) >= 0
                    || (Character.getType(c) == Character.CONTROL && "\t\n\r".indexOf(c) < 0)
                    || c == '\uFFFE' || c == '\uFFFF'))
        .isEmpty();
  }

  /** The code units, as "U+XXXX", on which the table and the definition disagree. */
  private static List<String> disagreements(IntPredicate table, IntPredicate definition) {
    List<String> differing = new ArrayList<>();
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (table.test(c) != definition.test(c)) {
        differing.add(String.format("U+%04X", c));
      }
    }
    return differing;
  }
}

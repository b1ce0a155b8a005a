package io.feedpipe.streams.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
  final LanguageDetector detector = LanguageDetector.shared();

  @Test
  void declaredTagWinsAndIsNormalized() {
    assertThat(detector.of("en_US", "Titel", "Das ist ein deutscher Text über Sprachen und ihre Erkennung."))
        .isEqualTo(new PostLanguage("en-us", "feed"));
  }

  @Test
  void withoutATagTheLanguageIsDetectedFromTheText() {
    assertThat(detector.of(null, "Über die Erkennung", "Das ist ein deutscher Text über Sprachen und ihre Erkennung, "
        + "geschrieben, damit der Detektor genug Buchstaben hat, um sicher zu sein.")).isEqualTo(new PostLanguage("de", "detected"));
    assertThat(detector.of("  ", "On detection", "This is an English text about languages and how a program can tell"
        + " them apart from a few sentences of ordinary prose.")).isEqualTo(new PostLanguage("en", "detected"));
    assertThat(detector.of("not a tag!", "Sur la détection", "Ceci est un texte français sur les langues et la manière dont"
        + " un programme peut les distinguer à partir de quelques phrases.")).isEqualTo(new PostLanguage("fr", "detected"));
  }

  @Test
  void tooLittleTextGivesNoLanguageRatherThanAGuess() {
    assertThat(detector.of(null, "Hi", "ok")).isNull();
    assertThat(detector.of(null, "", "∑ x_i = 1, 2, 3")).isNull();
  }
}

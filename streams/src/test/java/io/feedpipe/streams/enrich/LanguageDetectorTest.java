package io.feedpipe.streams.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.streams.clean.CleanerConfig;
import io.feedpipe.streams.clean.Fixtures;
import io.feedpipe.streams.clean.HtmlCleaner;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
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

  @Test
  void detectsMoreLanguagesFromAShortSample() {
    assertThat(detector.detect("Sobre la detección", "Este es un texto en español para comprobar que la detección del idioma"
        + " funciona con una muestra pequeña de prosa corriente.")).isEqualTo("es");
    assertThat(detector.detect("Об определении", "Это текст на русском языке, чтобы проверить, правильно ли работает"
        + " определение языка по нескольким предложениям.")).isEqualTo("ru");
    assertThat(detector.detect("言語の検出", "これは日本語のテキストです。言語の検出が正しく動作するかどうかを確認します。"
        + "数文の普通の文章から言語を判断できるはずです。")).isEqualTo("ja");
  }

  @Test
  void everyLessWrongPostIsEnglishFromItsSample() {
    // The LessWrong feed declares no language, so every post's language comes from this detection.
    HtmlCleaner cleaner = new HtmlCleaner(CleanerConfig.defaults());
    var feed = Jsoup.parse(Fixtures.read("lesswrong/feed.xml"), "", Parser.xmlParser());
    int posts = 0;
    for (Element item : feed.select("item")) {
      String text = cleaner.clean(item.selectFirst("description").text(), null).text();
      assertThat(detector.detect(item.selectFirst("title").text(), text)).as(item.selectFirst("title").text()).isEqualTo("en");
      posts++;
    }
    assertThat(posts).isEqualTo(20);
  }
}

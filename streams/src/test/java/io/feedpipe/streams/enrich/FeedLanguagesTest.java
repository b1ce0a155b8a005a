package io.feedpipe.streams.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeedLanguagesTest {

  /** Long enough to be detected: {@link LanguageDetector#MIN_LETTERS} letters and more. */
  static final String TEXT = "a text long enough for the detector to have letters enough to be sure of its language";

  /** A detection that answers the language written in the title, and counts its calls. */
  static final class ScriptedDetection implements FeedLanguages.Detection {
    final List<String> calls = new ArrayList<>();

    @Override
    public String detect(String title, String text) {
      calls.add(title);
      return title.equals("?") ? null : title;
    }
  }

  final ScriptedDetection detection = new ScriptedDetection();
  final FeedLanguages languages = new FeedLanguages(detection, 100);

  /** Post ids of feed {@code feed}, none of them in the re-checked sample. */
  static List<String> unsampledIds(String feed, int count) {
    return IntStream.range(0, 10 * count + 100).mapToObj(i -> feed + ":" + i).filter(id -> !FeedLanguages.sampled(id))
        .limit(count).toList();
  }

  static String sampledId(String feed) {
    return IntStream.range(0, 1000).mapToObj(i -> feed + ":s" + i).filter(FeedLanguages::sampled).findFirst().orElseThrow();
  }

  PostLanguage post(String feed, String id, String detectedAs) {
    return languages.of(feed, id, null, detectedAs, TEXT);
  }

  @Test
  void aFeedsLanguageIsDetectedUntilDetectionsAgreeThenReusedWithoutDetecting() {
    List<String> ids = unsampledIds("f", 10);
    for (int i = 0; i < FeedLanguages.LEARN_AFTER; i++) {
      assertThat(post("f", ids.get(i), "en")).isEqualTo(new PostLanguage("en", PostLanguage.DETECTED));
    }
    assertThat(detection.calls).hasSize(FeedLanguages.LEARN_AFTER);
    for (int i = FeedLanguages.LEARN_AFTER; i < ids.size(); i++) {
      // the detection would say "xx": it is not asked, the feed's language is known
      assertThat(post("f", ids.get(i), "xx")).isEqualTo(new PostLanguage("en", PostLanguage.DETECTED));
    }
    assertThat(detection.calls).hasSize(FeedLanguages.LEARN_AFTER);
  }

  @Test
  void aSampledPostIsStillDetectedAndADisagreementSendsTheFeedBackToLearning() {
    List<String> ids = unsampledIds("f", 10);
    for (int i = 0; i < FeedLanguages.LEARN_AFTER; i++) {
      post("f", ids.get(i), "en");
    }
    assertThat(post("f", sampledId("f"), "de")).isEqualTo(new PostLanguage("de", PostLanguage.DETECTED));
    // learning again: the next posts are detected
    assertThat(post("f", ids.get(5), "de")).isEqualTo(new PostLanguage("de", PostLanguage.DETECTED));
    assertThat(detection.calls).hasSize(FeedLanguages.LEARN_AFTER + 2);
  }

  @Test
  void aMixedLanguageFeedIsDetectedOnEveryPost() {
    List<String> ids = unsampledIds("mixed", 40);
    String[] alternating = {"en", "fr"};
    for (int i = 0; i < ids.size(); i++) {
      String language = alternating[i % 2];
      assertThat(post("mixed", ids.get(i), language)).isEqualTo(new PostLanguage(language, PostLanguage.DETECTED));
    }
    assertThat(detection.calls).hasSize(ids.size());
  }

  @Test
  void aFeedThatDisagreedWithItselfOftenEnoughStaysDetectedEvenWhenItsPostsAgreeAgain() {
    List<String> ids = unsampledIds("f", 30);
    int i = 0;
    for (String language : new String[] {"en", "fr", "en", "fr"}) { // MIXED_AFTER disagreements
      post("f", ids.get(i++), language);
    }
    int before = detection.calls.size();
    for (; i < ids.size(); i++) {
      assertThat(post("f", ids.get(i), "en")).isEqualTo(new PostLanguage("en", PostLanguage.DETECTED));
    }
    assertThat(detection.calls).hasSize(before + ids.size() - 4);
  }

  @Test
  void tooLittleTextGetsNoLanguageEvenInAFeedWhoseLanguageIsKnown() {
    List<String> ids = unsampledIds("f", 5);
    for (int i = 0; i < FeedLanguages.LEARN_AFTER; i++) {
      post("f", ids.get(i), "en");
    }
    assertThat(languages.of("f", ids.get(4), null, "Hi", "ok")).isNull();
  }

  @Test
  void anUndecidedDetectionTeachesNothing() {
    List<String> ids = unsampledIds("f", 10);
    post("f", ids.get(0), "en");
    assertThat(post("f", ids.get(1), "?")).isNull();
    post("f", ids.get(2), "en");
    post("f", ids.get(3), "en");
    // three agreeing detections, the undecided one in between neither counted nor a disagreement
    int before = detection.calls.size();
    assertThat(post("f", ids.get(4), "xx")).isEqualTo(new PostLanguage("en", PostLanguage.DETECTED));
    assertThat(detection.calls).hasSize(before);
  }

  @Test
  void aDeclaredTagWinsWithoutDetection() {
    assertThat(languages.of("f", "f:1", "en_US", "de", TEXT)).isEqualTo(new PostLanguage("en-us", PostLanguage.FEED));
    assertThat(detection.calls).isEmpty();
  }

  @Test
  void feedsAreForgottenLeastRecentlySeenFirstBeyondTheCapacity() {
    FeedLanguages small = new FeedLanguages(detection, 2);
    for (String feed : new String[] {"a", "b", "c"}) {
      for (String id : unsampledIds(feed, FeedLanguages.LEARN_AFTER)) {
        small.of(feed, id, null, "en", TEXT);
      }
    }
    assertThat(small.size()).isEqualTo(2);
    int before = detection.calls.size();
    small.of("c", unsampledIds("c", 10).get(9), null, "en", TEXT);
    assertThat(detection.calls).as("feed c is remembered").hasSize(before);
    small.of("a", unsampledIds("a", 10).get(9), null, "en", TEXT);
    assertThat(detection.calls).as("feed a was forgotten: detected again").hasSize(before + 1);
    assertThat(small.size()).isEqualTo(2);
  }

  @Test
  void theSampleIsAboutOnePostInSixteen() {
    long sampled = IntStream.range(0, 16_000).mapToObj(i -> "feed:" + i).filter(FeedLanguages::sampled).count();
    assertThat(sampled).isBetween(800L, 1200L);
  }

  @Test
  void withTheRealDetectorAFeedsPostsGetTheLanguageDetectionGivesThem() {
    FeedLanguages real = new FeedLanguages(LanguageDetector.shared());
    String english = "This is an English text about languages and how a program can tell them apart from a few"
        + " sentences of ordinary prose.";
    for (int i = 0; i < 20; i++) {
      assertThat(real.of("feed", "feed:" + i, null, "Post " + i, english)).isEqualTo(new PostLanguage("en", PostLanguage.DETECTED));
    }
  }
}
